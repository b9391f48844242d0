;;; autoload.el --- autoloaded functions and macros, autoload-do-load, load  -*- lexical-binding: t -*-
;; The files autoloaded are tests/compat/fixtures/*.el (and one .elc compiled
;; by GNU Emacs 30.1), found on `load-path' from the directory the corpus
;; runs in (the repository root).  File names in results are reduced to
;; their last component, so the expectations do not depend on where the
;; repository is.

(progn (setq load-path (cons (concat default-directory "tests/compat/fixtures") load-path)) t)
(defun al-base (s) (if (stringp s) (replace-regexp-in-string "/[^ ]*/" "" s) s))
(defun al-err (e) (if (stringp (cadr e)) (cons (car e) (mapcar #'al-base (cdr e))) e))

;;; Autoload objects
(autoload 'al-fn "autoload-fn")
(symbol-function 'al-fn)
(list (functionp 'al-fn) (autoloadp (symbol-function 'al-fn)) (fboundp 'al-fn) (commandp 'al-fn))
(autoload 'al-fn "other-file")
(progn (autoload 'al-fn "other-file" "Doc." t) (symbol-function 'al-fn))
(progn (fset 'al-fn nil) (autoload 'al-fn "autoload-fn") (symbol-function 'al-fn))
(progn (defun al-defined () 1) (list (autoload 'al-defined "autoload-fn") (symbol-function 'al-defined)))
(condition-case e (autoload "al-fn" "autoload-fn") (error e))
(condition-case e (autoload 'al-x 'autoload-fn) (error e))

;;; Calling an autoloaded function loads its file
(list (al-fn 1 2) al-fn-loads (autoloadp (symbol-function 'al-fn)) (featurep 'autoload-fn))
(al-fn 3)
al-fn-loads
(progn (autoload 'al-fn2 "autoload-fn") (list (funcall 'al-fn2 3) al-fn-loads))
(progn (autoload 'al-fn2 "autoload-fn") (fset 'al-fn2 (symbol-function 'al-fn2)) (list (apply 'al-fn2 '(4)) al-fn-loads))
(progn (fset 'al-fn3 '(autoload "autoload-fn")) (list (mapcar 'al-fn3 '(1 2)) al-fn-loads))
(progn (fset 'al-fn3 '(autoload "autoload-fn")) (list (mapcar #'al-fn3 '(1 2)) al-fn-loads))
(progn (fset 'al-fn3 '(autoload "autoload-fn")) (defalias 'al-fn3-alias 'al-fn3) (list (al-fn3-alias 5) al-fn-loads (autoloadp (symbol-function 'al-fn3))))
(progn (fset 'al-arity '(autoload "autoload-fn")) (list (func-arity 'al-arity) al-fn-loads))
(condition-case e (funcall '(autoload "autoload-fn")) (error e))
(condition-case e (func-arity '(autoload "autoload-fn")) (error e))

;;; Autoloaded macros
(progn (autoload 'al-mac "autoload-macro" nil nil 'macro) (symbol-function 'al-mac))
(progn (autoload 'al-mac2 "autoload-macro" nil nil t) (list (macroexpand '(al-mac2 (+ 1 2))) al-macro-loads))
(macroexpand-1 '(al-mac3 a b))
(progn (fset 'al-fn4 '(autoload "autoload-fn")) (list (macroexpand '(al-fn4 1)) (autoloadp (symbol-function 'al-fn4))))
(progn (fset 'al-mac2 '(autoload "autoload-macro" nil nil macro)) (condition-case e (funcall 'al-mac2 1) (error (list e al-macro-loads))))

;;; Failing autoloads
(progn (autoload 'al-nodef "autoload-nodef") (condition-case e (al-nodef) (error (al-err e))))
(list al-nodef-loads (symbol-function 'al-nodef))
(condition-case e (funcall 'al-nodef) (error (list (al-err e) al-nodef-loads)))
(progn (autoload 'al-missing "no-such-al-file") (condition-case e (al-missing 1) (error e)))
(progn (autoload 'al-missing2 "/no/such/dir/al-file") (condition-case e (funcall 'al-missing2) (error e)))
(progn (autoload 'al-boom "autoload-error") (condition-case e (al-boom) (error (list e (featurep 'al-err-feat) (featurep 'al-err-feat2)))))
(progn (provide 'al-before) (autoload 'al-boom "autoload-error") (condition-case e (al-boom) (error (list e (featurep 'al-before) (featurep 'al-err-feat2)))))
(progn (fset 'al-badfile '(autoload 42)) (condition-case e (al-badfile) (error e)))
(progn (fset 'al-badlist '(autoload . "x")) (condition-case e (funcall 'al-badlist) (error e)))

;;; An autoload that autoloads again
(progn (autoload 'al-chain "autoload-chain1") (list (al-chain 7) al-chain-steps))
(progn (fset 'al-chain nil) (setq al-chain-steps nil) (autoload 'al-chain "autoload-chain1") (list (funcall 'al-chain 8) al-chain-steps))

;;; A compiled file
(progn (autoload 'al-comp "autoload-compiled") (list (al-comp 10) al-comp-loads (al-base (car (car load-history)))))
(progn (autoload 'al-comp-mac "autoload-compiled" nil nil 'macro) (list (macroexpand '(al-comp-mac 1)) al-comp-loads))

;;; autoload-do-load
(autoload-do-load 'not-an-autoload)
(autoload-do-load '(lambda () 1) 'x)
(autoload-do-load '(autoload "autoload-fn") 'al-never-defined 'macro)
(list (autoload-do-load '(autoload "autoload-fn") nil) al-fn-loads)
(list (autoload-do-load '(autoload "autoload-fn")) al-fn-loads)
(progn (fset 'al-fn4 '(autoload "autoload-fn")) (list (autoload-do-load (symbol-function 'al-fn4) 'al-fn4) al-fn-loads))
(condition-case e (autoload-do-load '(autoload "autoload-fn") 1) (error e))
(condition-case e (autoload-do-load '(autoload "autoload-nodef") 'al-nodef2) (error (al-err e)))
(autoload-do-load '(autoload "no-such-al-file") 'al-nodef3 t)
(condition-case e (autoload-do-load '(autoload "no-such-al-file" nil nil macro) 'al-nodef3 t) (error e))
(autoload-do-load '(autoload "autoload-nodef") 'al-nodef4 t)
(condition-case e (autoload-do-load '(autoload "autoload-fn" nil . 3) 'al-fn) (error e))
(let ((before al-macro-loads)) (list (autoload-do-load '(autoload "autoload-macro" nil nil macro) 'al-mac 'macro) (- al-macro-loads before)))
(save-match-data (string-match "b+" "abbbc") (autoload-do-load '(autoload "autoload-fn") nil) (match-data))

;;; function-get with AUTOLOAD
(progn (autoload 'al-prop-fn "autoload-prop") (list (function-get 'al-prop-fn 'al-prop) (function-get 'al-prop-fn 'al-prop 'macro) (autoloadp (symbol-function 'al-prop-fn))))
(list (function-get 'al-prop-fn 'al-prop t) (autoloadp (symbol-function 'al-prop-fn)))
(progn (fset 'al-prop-mac '(autoload "autoload-prop" nil nil macro)) (put 'al-prop-mac 'al-prop nil) (list (function-get 'al-prop-mac 'al-prop 'macro) (car (symbol-function 'al-prop-mac))))

;;; load, load-history, get-load-suffixes
(let ((s (get-load-suffixes))) (list (car (member ".elc" s)) (car (member ".el" s)) (> (length (member ".elc" s)) (length (member ".el" s)))))
(load "autoload-nodef" nil t)
(list (al-base (car (car load-history))) (cdr (car load-history)))
(load "autoload-nodef.el" nil t t)
(load "autoload-nodef" nil t nil t)
(condition-case e (load "autoload-nodef" nil t t) (error e))
(load "no-such-al-file" t)
(condition-case e (load "no-such-al-file") (error e))
(condition-case e (load "") (error e))
(condition-case e (load 'autoload-nodef) (error e))
(let ((n (length load-history))) (load "autoload-nodef" nil t) (- (length load-history) n))
(progn (load "autoload-fn" nil t) (mapcar #'al-base (car load-history)))
(progn (setq lr-count 0) (condition-case e (load "load-recursive" nil t) (error (list (car e) (cadr e) (length (delq nil (mapcar (lambda (f) (string-match-p "load-recursive" f)) (cddr e)))) (al-base (nth 2 e)) lr-count))))
(progn (load "autoload-compiled" nil t) (al-base (car (car load-history))))
(load "autoload-compiled.elc" nil t)

;;; Evaluating a call loads the file before the arguments are evaluated
(progn (autoload 'al-argdep "autoload-argdep") (condition-case e (al-argdep al-argdep-var) (error e)))
(progn (fset 'al-mac '(autoload "autoload-macro" nil nil macro)) (condition-case e (list (al-mac 5) al-macro-loads) (error e)))
(progn (fset 'al-mac3 '(autoload "autoload-macro" nil nil macro)) (defun al-use-mac3 () (al-mac3 1 2 3)) (condition-case e (al-use-mac3) (error e)))

;;; macroexpand-1 (macroexp.el's definition)
(progn (defmacro al-mm1 (x) (list 'quote x)) (defalias 'al-mm2 'al-mm1) (list (macroexpand-1 '(al-mm2 3)) (macroexpand '(al-mm2 3))))
(list (macroexpand-1 '(al-mm1 a) '((al-mm1 . nil))) (macroexpand-1 '(al-mm1 a) '((al-mm1 . (lambda (x) (list 'env x))))))
(list (condition-case e (macroexpand-1 '(al-mm1 . 3)) (error e)) (macroexpand-1 '(1 2)) (condition-case e (macroexpand-1 '(al-mm1 a) 5) (error e)))
(progn (fset 'al-mm4 '(autoload "no-such-al-file" nil nil macro)) (condition-case e (macroexpand-1 '(al-mm4)) (error e)))
(progn (fset 'al-mm5 '(autoload "no-such-al-file" nil nil nil)) (fset 'al-mm6 'al-mm5) (list (macroexpand-1 '(al-mm5)) (macroexpand-1 '(al-mm6 1))))
(progn (fset 'al-mac2 '(autoload "autoload-macro" nil nil t)) (list (macroexpand-1 '(al-mac2 x)) al-macro-loads))
