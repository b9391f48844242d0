;;; subr-hooks.el --- subr.el and byte-run.el helpers real libraries need  -*- lexical-binding: t -*-
;; add-hook and remove-hook (DEPTH, LOCAL, `t' in buffer-local values, single
;; functions, the depth alist), add-to-list (APPEND, COMPARE-FN),
;; delete-dups, car-less-than-car, define-symbol-prop, function-put and
;; function-get, make-obsolete and make-obsolete-variable, the obsolete
;; alias macros, declare-function, with-no-warnings and
;; with-suppressed-warnings, and autoloadp.

;;; add-hook
(progn (defvar sh-h1 nil) (setq sh-h1 nil) (add-hook 'sh-h1 'a) (add-hook 'sh-h1 'b) sh-h1)
(progn (setq sh-h1 nil) (list (add-hook 'sh-h1 'a) (add-hook 'sh-h1 'a) sh-h1))
(progn (setq sh-h1 nil) (add-hook 'sh-h1 'a) (add-hook 'sh-h1 'b t) (add-hook 'sh-h1 'c) sh-h1)
(progn (setq sh-h1 nil) (add-hook 'sh-h1 'a 10) (add-hook 'sh-h1 'b -10) (add-hook 'sh-h1 'c) (add-hook 'sh-h1 'd 10) (add-hook 'sh-h1 'e -10) sh-h1)
(progn (setq sh-h1 nil) (add-hook 'sh-h1 'a 90) (add-hook 'sh-h1 'b 'append) (add-hook 'sh-h1 'c 5) sh-h1)
(progn (setq sh-h1 nil) (put 'sh-h1 'hook--depth-alist nil) (add-hook 'sh-h1 'a 50) (add-hook 'sh-h1 'b) (let ((s (get 'sh-h1 'hook--depth-alist))) (list sh-h1 (symbol-name s) (symbol-value s))))
(progn (setq sh-h1 'single) (add-hook 'sh-h1 'other) sh-h1)
(progn (setq sh-h1 (lambda () 1)) (add-hook 'sh-h1 'other) (length sh-h1))
(progn (makunbound 'sh-unbound-hook) (add-hook 'sh-unbound-hook 'f) sh-unbound-hook)
(progn (setq sh-h1 nil) (add-hook 'sh-h1 (lambda () 1)) (add-hook 'sh-h1 (lambda () 1)) (length sh-h1))
(progn (setq sh-h1 nil) (add-hook 'sh-h1 "string") (add-hook 'sh-h1 "string") sh-h1)
(progn (setq sh-h1 nil) (add-hook 'sh-h1 'a 1.5) (add-hook 'sh-h1 'b 0.5) (add-hook 'sh-h1 'c -0.5) sh-h1)
(condition-case e (add-hook 1 'f) (error e))
(condition-case e (add-hook nil 'f) (error e))

;;; Buffer-local hooks
(progn (setq sh-h1 '(g)) (with-temp-buffer (add-hook 'sh-h1 'l nil t) (list sh-h1 (default-value 'sh-h1) (local-variable-p 'sh-h1))))
(progn (setq sh-h1 '(g)) (with-temp-buffer (add-hook 'sh-h1 'l1 nil t) (add-hook 'sh-h1 'l2 t t) (add-hook 'sh-h1 'l0 -5 t) sh-h1))
(progn (setq sh-h1 '(g)) (with-temp-buffer (add-hook 'sh-h1 'l nil t) (let ((log nil)) (setq sh-h1 (append sh-h1 nil)) (fset 'l (lambda () (push 'l log))) (fset 'g (lambda () (push 'g log))) (run-hooks 'sh-h1) (nreverse log))))
(progn (setq sh-h1 '(g)) (with-temp-buffer (make-local-variable 'sh-h1) (setq sh-h1 '(x)) (add-hook 'sh-h1 'y) (list sh-h1 (default-value 'sh-h1))))
(progn (setq sh-h1 '(g)) (with-temp-buffer (add-hook 'sh-h1 'l nil t) (add-hook 'sh-h1 'g2) (list sh-h1 (default-value 'sh-h1))))
(progn (setq sh-h1 nil) (with-temp-buffer (add-hook 'sh-h1 'l 20 t) (add-hook 'sh-h1 'm nil t) (let ((s (get 'sh-h1 'hook--depth-alist))) (list sh-h1 (local-variable-p s) (symbol-value s) (default-value s)))))
(progn (setq sh-h1 nil) (put 'sh-pl-fn 'permanent-local-hook t) (put 'sh-h1 'permanent-local nil) (with-temp-buffer (add-hook 'sh-h1 'sh-pl-fn nil t) (get 'sh-h1 'permanent-local)))

;;; remove-hook
(progn (setq sh-h1 nil) (add-hook 'sh-h1 'a) (add-hook 'sh-h1 'b) (list (remove-hook 'sh-h1 'a) sh-h1))
(progn (setq sh-h1 '(a b)) (list (remove-hook 'sh-h1 'zz) sh-h1))
(progn (setq sh-h1 'a) (list (remove-hook 'sh-h1 'a) sh-h1))
(progn (setq sh-h1 'a) (list (remove-hook 'sh-h1 'b) sh-h1))
(progn (setq sh-h1 (list "s" 'b)) (list (remove-hook 'sh-h1 "s") sh-h1))
(progn (setq sh-h1 nil) (add-hook 'sh-h1 'a 30) (add-hook 'sh-h1 'b 40) (remove-hook 'sh-h1 'a) (list sh-h1 (symbol-value (get 'sh-h1 'hook--depth-alist))))
(progn (setq sh-h1 '(g)) (with-temp-buffer (add-hook 'sh-h1 'l nil t) (remove-hook 'sh-h1 'l t) (list sh-h1 (local-variable-p 'sh-h1))))
(progn (setq sh-h1 '(g)) (with-temp-buffer (add-hook 'sh-h1 'l nil t) (add-hook 'sh-h1 'm nil t) (list (remove-hook 'sh-h1 'l t) sh-h1 (local-variable-p 'sh-h1))))
(progn (setq sh-h1 '(g)) (with-temp-buffer (list (remove-hook 'sh-h1 'g t) sh-h1)))
(progn (setq sh-h1 '(g h)) (with-temp-buffer (add-hook 'sh-h1 'l nil t) (remove-hook 'sh-h1 'g) (list sh-h1 (default-value 'sh-h1))))
(progn (setq sh-h1 '(g)) (with-temp-buffer (make-local-variable 'sh-h1) (setq sh-h1 '(x y)) (remove-hook 'sh-h1 'x) (list sh-h1 (default-value 'sh-h1))))
(progn (makunbound 'sh-unbound-hook) (list (remove-hook 'sh-unbound-hook 'f) sh-unbound-hook))

;;; add-to-list
(progn (defvar sh-l nil) (setq sh-l '(a b)) (list (add-to-list 'sh-l 'c) (add-to-list 'sh-l 'a) sh-l))
(progn (setq sh-l '(a b)) (add-to-list 'sh-l 'c t))
(progn (setq sh-l '("a" "b")) (list (add-to-list 'sh-l "a") (add-to-list 'sh-l "a" nil #'eq)))
(progn (setq sh-l '(1.0 2)) (list (add-to-list 'sh-l 1.0 nil #'eql) (add-to-list 'sh-l 2 t #'eq)))
(progn (setq sh-l '(1 2 3)) (add-to-list 'sh-l 12 nil (lambda (a b) (= (% a 10) b))))
(progn (setq sh-l '(1 2 3)) (add-to-list 'sh-l 14 nil (lambda (a b) (= (% a 10) b))))
(condition-case e (progn (makunbound 'sh-unbound-l) (add-to-list 'sh-unbound-l 1)) (error e))

;;; delete-dups and car-less-than-car
(delete-dups (list 1 2 1 3 2 "a" "a" 'x 1.0 1.0))
(let ((l (list 'a 'b 'a))) (delete-dups l) l)
(delete-dups nil)
(let ((l (number-sequence 1 150))) (equal (delete-dups (append l l)) l))
(let ((l (append (number-sequence 1 120) (list "x" "x" 5)))) (length (delete-dups l)))
(condition-case e (delete-dups '(1 . 2)) (error e))
(list (car-less-than-car '(1) '(2)) (car-less-than-car '(2) '(1)) (car-less-than-car '(1.5) '(2)) (car-less-than-car '(1) '(1)))
(sort (list '(3 . c) '(1 . a) '(2 . b)) #'car-less-than-car)
(condition-case e (car-less-than-car 1 '(2)) (error e))
(condition-case e (car-less-than-car '(a) '(2)) (error e))
(condition-case e (car-less-than-car '(1)) (error e))
(with-temp-buffer (insert "abc") (car-less-than-car (list (copy-marker 2)) '(3)))

;;; Symbol and function properties
(progn (define-symbol-prop 'sh-sym 'sh-prop 42) (get 'sh-sym 'sh-prop))
(let ((current-load-list nil)) (define-symbol-prop 'sh-sym 'p1 1) (define-symbol-prop 'sh-sym2 'p1 2) (define-symbol-prop 'sh-sym 'p2 3) (define-symbol-prop 'sh-sym 'p1 4) current-load-list)
(progn (function-put 'sh-fn 'sh-prop 'v) (list (get 'sh-fn 'sh-prop) (function-get 'sh-fn 'sh-prop)))
(progn (defalias 'sh-fn-alias 'sh-fn) (list (function-get 'sh-fn-alias 'sh-prop) (get 'sh-fn-alias 'sh-prop)))
(progn (defalias 'sh-fn-alias2 'sh-fn-alias) (put 'sh-fn-alias 'sh-prop 'mid) (function-get 'sh-fn-alias2 'sh-prop))
(function-get 'sh-no-such-fn 'sh-prop)
(function-get 'car 'side-effect-free)
(condition-case e (function-put 1 'p 2) (error e))
(function-get 1 'p)

;;; Obsolescence
(progn (defun sh-new () 'new) (make-obsolete 'sh-old 'sh-new "29.1"))
(get 'sh-old 'byte-obsolete-info)
(progn (make-obsolete 'sh-old2 "use something else." "30.1") (get 'sh-old2 'byte-obsolete-info))
(condition-case e (make-obsolete nil 'x "1") (error e))
(condition-case e (make-obsolete t 'x "1") (error e))
(progn (make-obsolete-variable 'sh-old-var 'sh-new-var "28.1") (get 'sh-old-var 'byte-obsolete-variable))
(progn (make-obsolete-variable 'sh-old-var2 'sh-new-var "28.1" 'set) (get 'sh-old-var2 'byte-obsolete-variable))
(condition-case e (make-obsolete-variable nil 'x "1") (error e))
(progn (define-obsolete-function-alias 'sh-old-fn #'sh-new "27.1" "Old doc.") (list (sh-old-fn) (symbol-function 'sh-old-fn) (get 'sh-old-fn 'byte-obsolete-info) (get 'sh-old-fn 'function-documentation)))
(macroexpand '(define-obsolete-function-alias 'a 'b "1"))
(progn (defvar sh-new-v 7) (define-obsolete-variable-alias 'sh-old-v 'sh-new-v "26.1") (list sh-old-v (indirect-variable 'sh-old-v) (get 'sh-old-v 'byte-obsolete-variable)))
(progn (defvar sh-new-v2 nil) (put 'sh-old-v2 'saved-value '(5)) (define-obsolete-variable-alias 'sh-old-v2 'sh-new-v2 "26.1" "Doc.") (list (get 'sh-new-v2 'saved-value) (get 'sh-old-v2 'variable-documentation)))
(macroexpand '(define-obsolete-variable-alias 'a 'b "1"))

;;; Compiler-only forms
(declare-function sh-undefined "sh-file" (x))
(macroexpand '(declare-function f "file" (a b) t))
(with-no-warnings)
(with-no-warnings 1 2 3)
(let ((x 0)) (with-no-warnings (setq x (1+ x)) (setq x (* x 10))) x)
(functionp 'with-no-warnings)
(with-suppressed-warnings ((obsolete foo)) 1 2)
(with-suppressed-warnings nil)
(let ((x 1)) (with-suppressed-warnings ((free-vars y)) (setq x 5) (* x 2)))

;;; autoloadp
(list (autoloadp '(autoload "f")) (autoloadp 'autoload) (autoloadp nil) (autoloadp '(lambda ())))
(progn (autoload 'sh-auto "sh-auto-file") (autoloadp (symbol-function 'sh-auto)))
