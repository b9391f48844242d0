//! Embedding Enoki with host-provided buffer storage: a `Host` that keeps
//! the text of some buffers in its own data structure (a vector of
//! characters the test can inspect), while Lisp code edits them through
//! the ordinary buffer primitives.  Markers, point, narrowing and text
//! properties stay Enoki's business and follow host-side edits too.

use enoki::host::{self, BufferText, Host};
use enoki::runtime::string::{decode_char, encode_char};
use enoki::Engine;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

type Chars = Rc<RefCell<Vec<u32>>>;

/// The host's text storage: one `u32` per character.
struct VecText {
    chars: Chars,
    multibyte: bool,
}

impl VecText {
    fn encoded_len(&self, c: u32) -> usize {
        if self.multibyte {
            let mut v = Vec::new();
            encode_char(c, &mut v);
            v.len()
        } else {
            1
        }
    }
}

impl BufferText for VecText {
    fn len_chars(&self) -> usize {
        self.chars.borrow().len()
    }
    fn len_bytes(&self) -> usize {
        self.chars.borrow().iter().map(|&c| self.encoded_len(c)).sum()
    }
    fn multibyte(&self) -> bool {
        self.multibyte
    }
    fn char_to_byte(&self, pos: usize) -> usize {
        self.chars.borrow()[..pos].iter().map(|&c| self.encoded_len(c)).sum()
    }
    fn byte_to_char(&self, byte: usize) -> usize {
        let (mut b, mut n) = (0, 0);
        for &c in self.chars.borrow().iter() {
            if b >= byte {
                break;
            }
            b += self.encoded_len(c);
            n += 1;
        }
        n
    }
    fn char_at(&self, pos: usize) -> u32 {
        self.chars.borrow()[pos]
    }
    fn copy_bytes(&self, from: usize, to: usize, out: &mut Vec<u8>) {
        for &c in self.chars.borrow()[from..to].iter() {
            if self.multibyte {
                encode_char(c, out);
            } else {
                out.push(c as u8);
            }
        }
    }
    fn insert(&mut self, pos: usize, bytes: &[u8], nchars: usize) {
        let mut new = Vec::with_capacity(nchars);
        let mut i = 0;
        while i < bytes.len() {
            if self.multibyte {
                let (c, n) = decode_char(&bytes[i..]);
                new.push(c);
                i += n;
            } else {
                new.push(bytes[i] as u32);
                i += 1;
            }
        }
        assert_eq!(new.len(), nchars);
        self.chars.borrow_mut().splice(pos..pos, new);
    }
    fn delete(&mut self, from: usize, to: usize) {
        self.chars.borrow_mut().drain(from..to);
    }
    fn reset(&mut self, bytes: Vec<u8>, nchars: usize, multibyte: bool) {
        self.chars.borrow_mut().clear();
        self.multibyte = multibyte;
        self.insert(0, &bytes, nchars);
    }
}

/// What the host saw.
#[derive(Default)]
struct Log {
    texts: HashMap<String, Chars>,
    killed: Vec<String>,
    renamed: Vec<(String, String)>,
}

/// Supplies storage for buffers whose names start with "host-".
struct TestHost {
    log: Rc<RefCell<Log>>,
}

impl Host for TestHost {
    fn create_buffer(&mut self, name: &str) -> Option<Box<dyn BufferText>> {
        if !name.starts_with("host-") {
            return None;
        }
        let chars: Chars = Rc::new(RefCell::new(Vec::new()));
        self.log.borrow_mut().texts.insert(name.to_string(), chars.clone());
        Some(Box::new(VecText { chars, multibyte: true }))
    }
    fn buffer_killed(&mut self, name: &str) {
        self.log.borrow_mut().killed.push(name.to_string());
    }
    fn buffer_renamed(&mut self, old: &str, new: &str) {
        self.log.borrow_mut().renamed.push((old.to_string(), new.to_string()));
    }
}

fn setup() -> (Engine, Rc<RefCell<Log>>) {
    let engine = Engine::new();
    let log = Rc::new(RefCell::new(Log::default()));
    host::set_host(Box::new(TestHost { log: log.clone() }));
    (engine, log)
}

fn eval(e: &mut Engine, src: &str) -> String {
    match e.eval_str(src) {
        Ok(v) => e.print(v),
        Err(err) => format!("ERROR {err}"),
    }
}

fn host_text(log: &Rc<RefCell<Log>>, name: &str) -> String {
    let chars = log.borrow().texts[name].clone();
    let text: String = chars.borrow().iter().map(|&c| char::from_u32(c).unwrap_or('?')).collect();
    text
}

#[test]
fn lisp_edits_go_to_the_host_storage() {
    let (mut e, log) = setup();
    let r = eval(
        &mut e,
        r#"(with-current-buffer (get-buffer-create "host-a") (insert "hello") (goto-char 3) (insert "XY") (list (buffer-string) (point) (buffer-size)))"#,
    );
    assert_eq!(r, r#"("heXYllo" 5 7)"#);
    assert_eq!(host_text(&log, "host-a"), "heXYllo");
    let r = eval(&mut e, r#"(with-current-buffer "host-a" (delete-region 1 3) (upcase-region 1 3) (buffer-string))"#);
    assert_eq!(r, r#""XYllo""#);
    assert_eq!(host_text(&log, "host-a"), "XYllo");
    // Buffers the host declines use Enoki's own storage.
    let r = eval(&mut e, r#"(with-current-buffer (get-buffer-create "plain") (insert "x") (buffer-string))"#);
    assert_eq!(r, r#""x""#);
    assert!(!log.borrow().texts.contains_key("plain"));
}

#[test]
fn markers_properties_and_multibyte_text_in_host_buffers() {
    let (mut e, log) = setup();
    let r = eval(
        &mut e,
        r#"(with-current-buffer (get-buffer-create "host-b")
             (insert "ab" (propertize "cd" 'face 'bold) "é€")
             (let ((m (copy-marker 3)) (n (copy-marker 5 t)))
               (goto-char 1) (insert "Z")
               (list (buffer-string) (marker-position m) (marker-position n)
                     (get-text-property 4 'face) (char-after 7) (position-bytes 8)
                     (buffer-substring 3 7) (progn (narrow-to-region 2 4) (buffer-string)))))"#,
    );
    assert_eq!(r, r##"(#("Zabcdé€" 3 5 (face bold)) 4 6 bold 8364 11 #("bcdé" 1 3 (face bold)) "ab")"##);
    assert_eq!(host_text(&log, "host-b"), "Zabcdé€");
}

#[test]
fn host_side_edits_move_markers_and_point() {
    let (mut e, log) = setup();
    eval(
        &mut e,
        r#"(with-current-buffer (get-buffer-create "host-c") (insert "hello world") (goto-char 7) (setq host-m (copy-marker 9)))"#,
    );
    let buf = host::buffer_named("host-c").expect("buffer");
    // The host inserts at the start and deletes "hello" (0-based indexes).
    host::insert_text(buf, 0, ">> ").unwrap();
    assert_eq!(host_text(&log, "host-c"), ">> hello world");
    host::delete_text(buf, 3, 9).unwrap();
    assert_eq!(host::buffer_text(buf).as_deref(), Some(">> world"));
    let r = eval(&mut e, r#"(with-current-buffer "host-c" (list (point) (marker-position host-m) (buffer-string)))"#);
    assert_eq!(r, r#"(4 6 ">> world")"#);
}

#[test]
fn host_sees_renames_and_kills() {
    let (mut e, log) = setup();
    let r = eval(
        &mut e,
        r#"(let ((b (get-buffer-create "host-d")))
             (with-current-buffer b (rename-buffer "host-e"))
             (list (buffer-name b) (kill-buffer b) (buffer-live-p b)))"#,
    );
    assert_eq!(r, r#"("host-e" t nil)"#);
    let l = log.borrow();
    assert_eq!(l.renamed, vec![("host-d".to_string(), "host-e".to_string())]);
    assert_eq!(l.killed, vec!["host-e".to_string()]);
}

#[test]
fn with_temp_buffer_and_buffer_locals_through_the_host() {
    let (mut e, _log) = setup();
    let r = eval(
        &mut e,
        r#"(progn
             (defvar-local host-v 'default)
             (list (with-current-buffer (get-buffer-create "host-f") (setq host-v 'local) host-v)
                   host-v
                   (buffer-local-value 'host-v (get-buffer "host-f"))
                   (with-temp-buffer (insert "tmp") (buffer-string))))"#,
    );
    assert_eq!(r, r#"(local default local "tmp")"#);
}
