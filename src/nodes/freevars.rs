//! Free-variable analysis of fully macroexpanded code, as `cconv-fv` does it:
//! which variables a lambda body refers to (or assigns) that it does not bind
//! itself.  Used to show a closure's captured environment as GNU Emacs does.

use crate::runtime::sym;
use crate::runtime::symbol::is_keyword;
use crate::runtime::value::Value;

/// Free variables of FORMS when PARAMS are bound.
pub fn free_variables(forms: &[Value], params: &[Value]) -> Vec<Value> {
    let mut w = Walker { bound: params.to_vec(), free: Vec::new(), steps: 0 };
    for f in forms {
        w.form(*f);
    }
    w.free
}

struct Walker {
    bound: Vec<Value>,
    free: Vec<Value>,
    steps: usize,
}

impl Walker {
    fn var(&mut self, s: Value) {
        if s.is_symbol() && !s.is_nil() && !s.is_t() && !is_keyword(s) && !self.bound.contains(&s) && !self.free.contains(&s) {
            self.free.push(s);
        }
    }

    fn body(&mut self, l: Value) {
        for f in l.iter() {
            self.form(f);
        }
    }

    fn form(&mut self, f: Value) {
        self.steps += 1;
        if self.steps > 1_000_000 {
            return;
        }
        if f.is_symbol() {
            return self.var(f);
        }
        if !f.is_cons() {
            return;
        }
        let (head, args) = (f.car(), f.cdr());
        if head == sym::QUOTE {
            return;
        }
        if head == sym::FUNCTION {
            let l = args.car_safe();
            if l.is_cons() && l.car() == sym::LAMBDA {
                self.lambda(l);
            }
            return;
        }
        if head == sym::SETQ {
            let mut l = args;
            while l.is_cons() {
                self.var(l.car());
                self.form(l.cdr_safe().car_safe());
                l = l.cdr_safe().cdr_safe();
            }
            return;
        }
        if head == sym::LET || head == sym::LET_STAR {
            return self.let_form(head == sym::LET_STAR, args);
        }
        if head == sym::CONDITION_CASE {
            let var = args.car_safe();
            self.form(args.cdr_safe().car_safe());
            let mark = self.bound.len();
            self.bound.push(var);
            for h in args.cdr_safe().cdr_safe().iter() {
                self.body(h.cdr_safe());
            }
            self.bound.truncate(mark);
            return;
        }
        if head == sym::COND {
            for c in args.iter() {
                self.body(c);
            }
            return;
        }
        if head == sym::DEFVAR || head == sym::DEFCONST {
            self.body(args.cdr_safe());
            return;
        }
        if head.is_cons() && head.car() == sym::LAMBDA {
            self.lambda(head);
        }
        self.body(args);
    }

    fn lambda(&mut self, l: Value) {
        let mark = self.bound.len();
        for p in l.cdr_safe().car_safe().iter() {
            self.bound.push(p);
        }
        self.body(l.cdr_safe().cdr_safe());
        self.bound.truncate(mark);
    }

    fn let_form(&mut self, star: bool, args: Value) {
        let mark = self.bound.len();
        let mut pending = Vec::new();
        for b in args.car_safe().iter() {
            let (v, init) = if b.is_cons() { (b.car(), b.cdr().car_safe()) } else { (b, Value::NIL) };
            self.form(init);
            if star {
                self.bound.push(v);
            } else {
                pending.push(v);
            }
        }
        self.bound.extend(pending);
        self.body(args.cdr_safe());
        self.bound.truncate(mark);
    }
}
