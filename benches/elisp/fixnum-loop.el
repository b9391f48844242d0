;;; fixnum-loop.el --- fixnum arithmetic in a while loop  -*- lexical-binding: t -*-
(defun bench-main ()
  (let ((i 0) (sum 0))
    (while (< i 5000000)
      (setq sum (+ sum (logand (* i 3) 1023)))
      (setq i (1+ i)))
    sum))
