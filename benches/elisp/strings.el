;;; strings.el --- strings: format, concat, substring, string=  -*- lexical-binding: t -*-
(defun bench-main ()
  (let ((n 0))
    (dotimes (i 50000)
      (let ((s (format "item-%d:%s" i (number-to-string (* i 7)))))
        (setq s (concat s "/" (substring s 0 4)))
        (when (string= (substring s 0 4) "item")
          (setq n (+ n (length s))))))
    n))
