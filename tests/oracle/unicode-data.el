;;; unicode-data.el --- character properties of many characters  -*- lexical-binding: t -*-
;;
;; Prints, for each character of `unicode-data-chars', one line: the
;; character's code, then the `get-char-code-property' value of each
;; property of `unicode-data-properties' (`prin1', tab-separated), after a
;; header line naming the properties.
;;
;; GNU Emacs 30.1 runs it to make the expectations (tests/oracle/unicode-data.sh
;; writes tests/oracle/unicode-data.tsv); tests/unicode_data.rs runs it
;; through Enoki against GNU Emacs's own lisp/international/charprop.el and
;; uni-*.el (which Enoki loads through `unicode-property-table-internal')
;; and compares.  Enoki has no mule-cmds.el, so the test first defines
;; `define-char-code-property' and `get-char-code-property' the way
;; mule-cmds.el does and loads charprop.el.

(defconst unicode-data-properties
  '(general-category canonical-combining-class bidi-class decomposition
    decimal-digit-value digit-value numeric-value mirrored mirroring
    uppercase lowercase titlecase special-uppercase special-lowercase
    special-titlecase paired-bracket bracket-type name old-name
    iso-10646-comment))

(defun unicode-data-chars ()
  "All characters below U+0300, every 571st one above, and a few more."
  (let ((chars nil))
    (dotimes (c #x300) (push c chars))
    (let ((c #x300))
      (while (<= c #x10ffff)
        (push c chars)
        (setq c (+ c 571))))
    (dolist (c '(#x3b1 #x3c2 #x10d0 #x1e9e #x2126 #x2160 #x24b6 #x3000 #x3042
                 #x4e00 #x9fff #xac00 #xac01 #xd7a3 #xd800 #xdfff #xe000 #xfb00
                 #xfdfa #xff21 #xfffd #x10400 #x1d400 #x1f600 #x20000 #x2a6d6
                 #xe0100 #xf0000 #x10fffd #x10ffff #x110000 #x3fff80 #x3fffff))
      (push c chars))
    (nreverse chars)))

(let ((print-escape-newlines t)
      (lines (list (mapconcat #'symbol-name (cons 'char unicode-data-properties) "\t"))))
  (dolist (c (unicode-data-chars))
    (push (mapconcat (lambda (p) (prin1-to-string (get-char-code-property c p)))
                     unicode-data-properties "\t")
          lines)
    (setcar lines (concat (number-to-string c) "\t" (car lines))))
  (princ (mapconcat #'identity (nreverse lines) "\n"))
  (princ "\n"))

;;; unicode-data.el ends here
