;;; fib.el --- recursive calls: naive Fibonacci  -*- lexical-binding: t -*-
(defun bench-fib (n) (if (< n 2) n (+ (bench-fib (- n 1)) (bench-fib (- n 2)))))
(defun bench-main () (bench-fib 30))
