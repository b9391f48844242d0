;; dynamic.el -- special (dynamically bound) variables: defvar'd variables
;; rebound with let/let*, visibility in called functions, restoration after
;; throw and error, special-variable-p, boundp, makunbound, symbol-value,
;; set, default-value, local (defvar x) inside let, and the interaction of
;; lexical closures with special variables.

(defvar dy-x 'global)
(defun dy-get-x () dy-x)
(dy-get-x)
(let ((dy-x 'let-bound)) (dy-get-x))
(dy-get-x)
(let* ((dy-x 'star-bound)) (dy-get-x))
(let ((dy-x 1)) (let ((dy-x 2)) (dy-get-x)))
(let ((dy-x 1)) (let ((dy-x 2))) (dy-get-x))
(let ((dy-x 1)) (setq dy-x 5) (dy-get-x))
dy-x
(let ((dy-x 1)) (set 'dy-x 7) dy-x)
dy-x
(special-variable-p 'dy-x)
(boundp 'dy-x)
(symbol-value 'dy-x)
(default-value 'dy-x)
(let ((dy-x 'inner)) (default-value 'dy-x))
(let ((dy-x 'inner)) (symbol-value 'dy-x))

;;; restoration after non-local exits
(catch 'out (let ((dy-x 'thrown)) (throw 'out (dy-get-x))))
dy-x
(condition-case nil (let ((dy-x 'errored)) (car 1)) (error (dy-get-x)))
dy-x
(condition-case nil (let ((dy-x 'errored)) (car 1)) (error dy-x))
(catch 'out (let ((dy-x 'a)) (let ((dy-x 'b)) (throw 'out nil))))
dy-x
(let ((dy-x 'outer)) (catch 'out (let ((dy-x 'inner)) (throw 'out nil))) dy-x)
(let ((dy-x 'outer)) (condition-case nil (let ((dy-x 'inner)) (error "x")) (error nil)) dy-x)
(let ((dy-x 'outer)) (unwind-protect (let ((dy-x 'inner)) 1) (setq dy-x (list dy-x 'cleanup))) dy-x)
(let ((dy-x 'outer)) (catch 'o (unwind-protect (let ((dy-x 'inner)) (throw 'o 1)) (setq dy-x (list dy-x 'seen-in-cleanup)))) dy-x)
(let ((seen nil)) (catch 'o (let ((dy-x 'bound)) (unwind-protect (throw 'o 1) (setq seen dy-x)))) seen)
(defun dy-thrower () (let ((dy-x 'deep)) (throw 'dy-tag (dy-get-x))))
(list (catch 'dy-tag (dy-thrower)) dy-x)

;;; special variables and lambda parameters
(defvar dy-y 10)
(defun dy-get-y () dy-y)
(defun dy-param (dy-y) (dy-get-y))
(dy-param 99)
dy-y
(funcall (lambda (dy-y) (dy-get-y)) 42)
(let ((f (let ((dy-y 'captured?)) (lambda () dy-y)))) (funcall f))
(let ((f (lambda () dy-y))) (let ((dy-y 'dynamic)) (funcall f)))
(prin1-to-string (let ((dy-y 1)) (lambda () dy-y)))
(prin1-to-string (let ((dy-y 1) (lex 2)) (lambda () (list dy-y lex))))
(dolist (dy-y '(a b)) (ignore dy-y))
(let ((r nil)) (dolist (dy-y '(a b)) (push (dy-get-y) r)) r)
(let ((r nil)) (dotimes (dy-y 3) (push (dy-get-y) r)) r)
(condition-case dy-y (car 1) (error (dy-get-y)))
dy-y

;;; defvar without value: locally special
(let ((dy-local 1)) (defvar dy-local) (special-variable-p 'dy-local))
(special-variable-p 'dy-local)
(boundp 'dy-local)
(defun dy-read-local () (if (boundp 'dy-local) (symbol-value 'dy-local) 'unbound))
(let ((dy-local 1)) (dy-read-local))
(let ((dy-local 1)) (defvar dy-local) (let ((dy-local 2)) (dy-read-local)))
(progn (defvar dy-local2) (let ((dy-local2 'dyn)) (funcall (lambda () (symbol-value 'dy-local2)))))
(defvar dy-unbound)
(boundp 'dy-unbound)
dy-unbound
(let ((dy-unbound 'tmp)) (boundp 'dy-unbound))
(let ((dy-unbound 'tmp)) (symbol-value 'dy-unbound))
(boundp 'dy-unbound)
(special-variable-p 'dy-unbound)

;;; boundp / makunbound / symbol-value / set
(boundp 'dy-never)
(boundp nil)
(boundp t)
(boundp :keyword)
(boundp 5)
dy-never
(symbol-value 'dy-never)
(symbol-value nil)
(symbol-value :kw)
(symbol-value 5)
(set 'dy-new 'set-value)
dy-new
(boundp 'dy-new)
(special-variable-p 'dy-new)
(makunbound 'dy-new)
(boundp 'dy-new)
dy-new
(makunbound nil)
(makunbound t)
(makunbound :kw)
(makunbound 5)
(set nil 1)
(set t 1)
(set :kw 1)
(set :kw :kw)
(setq :kw :kw)
(set 5 1)
(set "x" 1)
(let ((v 'dy-z)) (set v 3) (symbol-value v))
(defvar dy-mk 1)
(let ((dy-mk 2)) (makunbound 'dy-mk) (boundp 'dy-mk))
dy-mk
(let ((dy-mk 2)) (makunbound 'dy-mk) (condition-case e dy-mk (void-variable e)))
(makunbound 'dy-mk)
(boundp 'dy-mk)
(special-variable-p 'dy-mk)
(let ((dy-mk 'rebound)) dy-mk)
(defvar dy-mk 'redefined)
dy-mk
(default-value 'dy-never)
(default-value nil)
(default-value 5)

;;; lexical variables are not visible through symbol-value
(let ((dy-lex 'lexical)) (boundp 'dy-lex))
(let ((dy-lex 'lexical)) (condition-case e (symbol-value 'dy-lex) (void-variable e)))
(let ((dy-lex 'lexical)) (set 'dy-lex 'via-set) dy-lex)
dy-lex
(let ((dy-lex 'lexical)) (eval 'dy-lex))
(let ((dy-lex 'lexical)) (eval 'dy-lex t))
(eval '(let ((q 1)) (funcall (lambda () q))) t)
(eval '(let ((q 1)) (funcall (lambda () q))) nil)
(eval '(let ((q 1)) (let ((f (lambda () q))) (let ((q 2)) (funcall f)))) nil)
(eval '(let ((q 1)) (let ((f (lambda () q))) (let ((q 2)) (funcall f)))) t)
(eval '(prin1-to-string (let ((q 1)) (lambda () q))) nil)
(eval '(prin1-to-string (let ((q 1)) (lambda () q))) t)
(eval '(prin1-to-string (let ((q 1)) (lambda () q))) '((r . 2)))
(eval 'dy-env-var '((dy-env-var . from-env)))
(eval '(list a b) '((a . 1) (b . 2)))
(eval '(setq a 10) '((a . 1)))
(eval 'a '((a . 1) (a . 2)))

;;; defconst and constants
(defconst dy-k 'const)
(special-variable-p 'dy-k)
(let ((dy-k 'rebound)) dy-k)
(defun dy-get-k () dy-k)
(let ((dy-k 'rebound)) (dy-get-k))
(special-variable-p nil)
(special-variable-p t)
(special-variable-p 'most-positive-fixnum)
(special-variable-p :kw)
(special-variable-p 5)
(setq most-positive-fixnum 1)
(let ((most-positive-fixnum 1)) most-positive-fixnum)
(let ((float-pi 3)) float-pi)
float-pi
(setq float-pi 3)
(set 'most-negative-fixnum 1)
(boundp 'most-positive-fixnum)

;;; dynamic binding of print variables is visible to the printer
(defun dy-print (x) (prin1-to-string x))
(let ((print-length 1)) (dy-print '(1 2 3)))
(dy-print '(1 2 3))
(let ((print-escape-newlines t)) (dy-print "a\nb"))
(special-variable-p 'print-length)
print-length
print-level
print-circle
(let ((print-length 2)) (funcall (lambda () (prin1-to-string '(a b c d)))))
(let ((print-length 'bogus)) (prin1-to-string '(a b c)))
(let ((print-level -1)) (prin1-to-string '(a (b))))

;;; deep dynamic nesting
(defvar dy-depth 0)
(defun dy-deep (n) (if (= n 0) dy-depth (let ((dy-depth (1+ dy-depth))) (dy-deep (1- n)))))
(dy-deep 100)
dy-depth
(defun dy-deep-throw (n) (if (= n 0) (throw 'dy-bottom dy-depth) (let ((dy-depth (1+ dy-depth))) (dy-deep-throw (1- n)))))
(catch 'dy-bottom (dy-deep-throw 50))
dy-depth
