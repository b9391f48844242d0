;;; gen.el --- regenerate expected.txt for the reader's unit tests -*- lexical-binding: t -*-
;; Usage: emacs -Q --batch -l gen.el   (run in this directory)
;; Reads cases.el (a list of STRING or (STRING START END)), calls
;; `read-from-string' on each, and writes one line per case to expected.txt:
;;   SOURCE <TAB> START <TAB> END <TAB> RESULT
;; SOURCE is "m:" or "u:" (multibyte or unibyte) and the escaped text; RESULT
;; is "RES " DUMP " @" INDEX, "SHARED @" INDEX for objects with shared or
;; circular structure (tested separately), or "ERR " DUMP of (ERROR-SYMBOL . DATA).
;; The dump format is mirrored by `dump' in tests.rs.  A string's text
;; properties are dumped as its non-empty intervals (the printed form's view).

(defun d-esc (s)
  (mapconcat (lambda (c)
               (if (and (> c 32) (< c 127) (not (memq c '(?\\ ?\" ?| ?{ ?} ?\t))))
                   (string c)
                 (format "\\{%x}" c)))
             (append s nil) ""))

(defun d-list (x)
  (let ((parts nil))
    (while (consp x)
      (push (d (car x)) parts)
      (setq x (cdr x)))
    (concat "(" (mapconcat #'identity (nreverse parts) " ")
            (if x (concat " . " (d x)) "") ")")))

(defun d-items (x)
  (let ((i 0) (parts nil) (done nil))
    (while (not done)
      (condition-case nil
          (progn (push (d (aref x i)) parts) (setq i (1+ i)))
        (error (setq done t))))
    (mapconcat #'identity (nreverse parts) " ")))

(defun d-char-table (x)
  (let ((ranges nil) (extras nil) (n (or (get (char-table-subtype x) 'char-table-extra-slots) 0)))
    (map-char-table (lambda (k v) (push (list (if (consp k) (car k) k) (if (consp k) (cdr k) k) v) ranges)) x)
    (setq ranges (sort ranges (lambda (a b) (< (car a) (car b)))))
    (dotimes (i n) (push (char-table-extra-slot x i) extras))
    (format "#^[default %s parent %s purpose %s extras %s ranges %s]"
            (d (char-table-range x nil)) (d (char-table-parent x)) (d (char-table-subtype x))
            (d (nreverse extras)) (d ranges))))

(defun d (x)
  (cond ((integerp x) (number-to-string x))
        ((floatp x) (prin1-to-string x))
        ((symbolp x) (concat (if (eq (intern-soft (symbol-name x)) x) "" "#:")
                             (d-esc (symbol-name x))))
        ((stringp x)
         (let ((body (concat (if (multibyte-string-p x) "m\"" "u\"") (d-esc x) "\""))
               (iv (seq-filter #'caddr (object-intervals x))))
           (if iv (concat "#(" body " " (d iv) ")") body)))
        ((consp x) (d-list x))
        ((vectorp x) (concat "[" (mapconcat #'d x " ") "]"))
        ((recordp x) (concat "#s(" (d-items x) ")"))
        ((hash-table-p x)
         (let ((data nil))
           (maphash (lambda (k v) (push (d k) data) (push (d v) data)) x)
           (format "#s(hash-table test %s weakness %s data (%s))"
                   (hash-table-test x) (hash-table-weakness x)
                   (mapconcat #'identity (nreverse data) " "))))
        ((bool-vector-p x) (concat "#&" (mapconcat (lambda (b) (if b "1" "0")) x "")))
        ((char-table-p x) (d-char-table x))
        ((or (interpreted-function-p x) (byte-code-function-p x)) (concat "#[" (d-items x) "]"))
        (t "?")))

(put (quote ctx) (quote char-table-extra-slots) 2)
(let* ((load-true-file-name nil)
       (load-file-name nil)
       (cases (with-temp-buffer
                (insert-file-contents "cases.el")
                (goto-char (point-min))
                (read (current-buffer))))
       (out nil))
  (dolist (c cases)
    (let* ((s (if (consp c) (car c) c))
           (start (and (consp c) (nth 1 c)))
           (end (and (consp c) (nth 2 c)))
           (res (condition-case e
                    (let ((r (read-from-string s start end)))
                      (if (string-match-p "#1=" (let ((print-circle t)) (prin1-to-string (car r))))
                          (format "SHARED @%d" (cdr r))
                        (format "RES %s @%d" (d (car r)) (cdr r))))
                  (error (concat "ERR " (d e))))))
      (push (format "%s%s\t%s\t%s\t%s" (if (multibyte-string-p s) "m:" "u:") (d-esc s)
                    (if start start "-") (if end end "-") res)
            out)))
  (with-temp-file "expected.txt"
    (set-buffer-file-coding-system 'us-ascii)
    (insert (mapconcat #'identity (nreverse out) "\n") "\n")))
