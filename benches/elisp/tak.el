;;; tak.el --- recursive calls with three arguments (Takeuchi)  -*- lexical-binding: t -*-
(defun bench-tak (x y z)
  (if (not (< y x)) z
    (bench-tak (bench-tak (1- x) y z) (bench-tak (1- y) z x) (bench-tak (1- z) x y))))
(defun bench-main ()
  (let ((s 0)) (dotimes (_ 100) (setq s (+ s (bench-tak 18 12 6)))) s))
