;;; locate-file.el --- locate-file-internal (lread.c openp)  -*- lexical-binding: t -*-
;; Run from the repository root: the files found are the ones under
;; tests/compat/fixtures.  Found names are absolute; lf-rel makes those
;; under `default-directory' relative so the expectations do not depend on
;; where the repository is.

(defun lf-rel (r) (let ((n (length default-directory))) (if (and (stringp r) (>= (length r) n) (string= (substring r 0 n) default-directory)) (substring r n) r)))
(defun lf (&rest args) (condition-case e (lf-rel (apply #'locate-file-internal args)) (error e)))
(defvar lf-dir (concat default-directory "tests/compat/fixtures"))

;;; Directories of PATH, suffixes in order
(lf "autoload-fn" (list lf-dir) '(".el"))
(lf "autoload-fn" (list lf-dir))
(lf "autoload-fn.el" (list lf-dir))
(lf "autoload-fn" (list "tests/compat/fixtures") '(".elc" ".el"))
(lf "autoload-compiled" (list "tests/compat/fixtures") '(".el" ".elc"))
(lf "autoload-compiled" (list "tests/compat/fixtures") '(".elc" ".el"))
(lf "autoload-compiled" (list "tests/compat/fixtures") '("" ".el"))
(lf "autoload-fn" (list "/nonexistent" "tests" "tests/compat/fixtures" "tests/compat") '(".el"))
(lf "fixtures/autoload-fn.el" (list "/nonexistent" "tests/compat"))
(lf "autoload-fn" (list nil) '(".el"))
(lf "tests/compat/fixtures/autoload-fn" (list nil) '(".el"))
(lf "tests/compat/fixtures/autoload-fn.el" nil)
(lf "tests/compat/fixtures/autoload-fn" nil '(".elc" ".el"))
(lf "tests/compat/fixtures/./../fixtures/autoload-fn.el" nil)
(lf "./tests/compat/fixtures//autoload-fn.el" (list nil))
(lf "autoload-fn" (list 1) '(".el"))
(lf "autoload-fn" "tests" '(".el"))
(lf "autoload-fn" (list lf-dir) '(".el" . 3))
(lf "autoload-fn" (list lf-dir) 3)
(lf "autoload-fn" (list lf-dir) '(".x" ".y"))
(lf "no-such-file" (list lf-dir "tests/compat") '("" ".el" ".elc"))
(let ((default-directory (concat default-directory "tests/compat/"))) (lf "fixtures/autoload-fn.el" nil))
(let ((default-directory (concat default-directory "tests/compat/"))) (lf "autoload-fn.el" (list "fixtures")))

;;; Absolute names and ~
(lf "/etc/passwd" nil)
(lf "/etc/passwd" '("/nonexistent" "/x"))
(lf "/etc/passwd" 5)
(lf "/etc/../etc/passwd" nil)
(lf "/etc/../etc/passwd" '("/x"))
(lf "/etc/passwd" '("/x") '("" ".el"))
(lf "/etc/pass" '("/x") '(".el" "wd"))
(lf "~/enoki-no-such-file-here" nil)
(lf "~/enoki-no-such-file-here" '("/tmp"))
(lf (concat lf-dir "/autoload-fn") '("/tmp") '(".el"))

;;; Argument checking
(lf 'x (list lf-dir) '(".el"))
(lf "autoload-fn" (list lf-dir) '(1 ".el"))
(lf "autoload-fn" (list lf-dir) '(".el" 1))
(lf "x" (list lf-dir) '(1))
(lf nil nil)
(condition-case e (locate-file-internal "x") (error e))
(condition-case e (locate-file-internal "x" nil nil nil nil) (error e))

;;; Directories are skipped unless the predicate says dir-ok
(lf "fixtures" (list "tests/compat"))
(lf "fixtures" (list "tests/compat") nil t)
(lf "fixtures" (list "tests/compat") nil (lambda (_) t))
(lf "fixtures" (list "tests/compat") nil (lambda (_) 'dir-ok))
(lf "fixtures" (list "tests/compat") '("" ".el") (lambda (_) 'dir-ok))
(lf "" (list "tests/compat/fixtures"))
(lf "" (list "tests/compat/fixtures") nil (lambda (_) 'dir-ok))
(lf "." (list "tests/compat/fixtures") nil 'dir-ok)
(lf "fixtures" (list "tests/compat") nil 0)
(lf "fixtures" (list "tests/compat") nil 4)

;;; Predicates: nil, t, faccessat modes, functions
(lf "autoload-fn.el" (list "tests/compat/fixtures") nil t)
(lf "autoload-fn.el" (list "tests/compat/fixtures") nil 0)
(lf "autoload-fn.el" (list "tests/compat/fixtures") nil 4)
(lf "no-such.el" (list "tests/compat/fixtures") nil 0)
(lf "autoload-fn.el" (list "tests/compat/fixtures") nil -1)
(lf "autoload-fn.el" (list "tests/compat/fixtures") nil 1.0)
(lf "autoload-fn.el" (list "tests/compat/fixtures") nil 'lf-no-such-function)
(lf "autoload-fn.el" (list "tests/compat/fixtures") nil (lambda () t))
(lf "autoload-fn.el" (list "tests/compat/fixtures") nil (lambda (_) nil))
(lf "autoload-fn.el" (list "tests/compat/fixtures") nil #'stringp)
(lf "anything" (list "tests/compat/fixtures") '(".a" ".b") #'stringp)
(lf "anything" (list "tests/compat/fixtures") nil (lambda (f) (string-match "/anything\\'" f)))
(let (l) (list (lf "autoload-fn" (list "tests/compat/fixtures") '("" ".elc" ".el") (lambda (f) (push (lf-rel f) l) nil)) (nreverse l)))
(let (l) (list (lf "autoload-fn" (list "tests/compat" nil "/x") '("" ".el") (lambda (f) (push (lf-rel f) l) nil)) (nreverse l)))
(let (l) (list (lf "autoload-fn" nil '(".el") (lambda (f) (push (lf-rel f) l) nil)) (nreverse l)))
(let (l) (list (lf "/x/y" '("/a" "/b") '("" ".el") (lambda (f) (push f l) nil)) (nreverse l)))
(let (l) (list (lf "autoload-fn" (list "tests/compat/fixtures") '(".el" ".elc") (lambda (f) (push (lf-rel f) l) (> (length l) 1))) (nreverse l)))
(let ((n 0)) (list (lf "autoload-fn" (list "tests/compat/fixtures") '(".el") (lambda (_) (setq n (1+ n)) (signal 'my-error (list n)))) n))
(lf-rel (catch 'lf-tag (locate-file-internal "autoload-fn" (list "tests/compat/fixtures") '(".el") (lambda (f) (throw 'lf-tag f)))))

;;; Circular lists end the search
(let ((p (list "/x" "/y"))) (setcdr (cdr p) p) (lf "autoload-fn" p '(".el")))
(let ((p (list "/x" "tests/compat/fixtures"))) (setcdr (cdr p) p) (lf "autoload-fn" p '(".el")))
(let ((s (list ".x" ".el"))) (setcdr (cdr s) s) (lf "autoload-fn" (list "tests/compat/fixtures") s))
