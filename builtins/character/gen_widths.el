;; Emits the runs of GNU Emacs 30.1's `char-width' over all characters as a Rust table.
;; Run: emacs -Q --batch -l gen_widths.el
(let ((c 0) (start 0) (w (char-width 0)) (out nil))
  (while (<= c #x3FFFFF)
    (let ((cw (char-width c)))
      (unless (= cw w)
        (push (list start (1- c) w) out)
        (setq start c w cw)))
    (setq c (1+ c)))
  (push (list start #x3FFFFF w) out)
  (dolist (r (nreverse out))
    (princ (format "(0x%X, 0x%X, %d),\n" (nth 0 r) (nth 1 r) (nth 2 r)))))
