;;; memory-use-counts.el --- alloc.c's allocation counters  -*- lexical-binding: t -*-
;; The counts themselves depend on the implementation; only their shape
;; and that they grow with allocation are checked.

(length (memory-use-counts))
(let ((ok t)) (dolist (n (memory-use-counts) ok) (unless (natnump n) (setq ok nil))))
(condition-case e (memory-use-counts 1) (error e))
(let* ((a (memory-use-counts)) (l (make-list 1000 nil)) (b (memory-use-counts))) (list (length l) (>= (- (car b) (car a)) 1000)))
(let* ((a (memory-use-counts)) (l (mapcar (lambda (x) (* x 1.5)) (number-sequence 1 100))) (b (memory-use-counts))) (list (length l) (>= (- (nth 1 b) (nth 1 a)) 100)))
(let* ((a (memory-use-counts)) (v (make-vector 500 0)) (b (memory-use-counts))) (list (length v) (>= (- (nth 2 b) (nth 2 a)) 500)))
(let* ((a (memory-use-counts)) (s (make-symbol "mu")) (b (memory-use-counts))) (list (symbolp s) (>= (nth 3 b) (nth 3 a))))
(let* ((a (memory-use-counts)) (s (make-string 300 ?x)) (b (memory-use-counts))) (list (length s) (>= (- (nth 4 b) (nth 4 a)) 300) (>= (- (nth 6 b) (nth 6 a)) 1)))
(let* ((a (memory-use-counts)) (b (progn (garbage-collect) (memory-use-counts)))) (let ((ok t)) (while a (when (< (car b) (car a)) (setq ok nil)) (setq a (cdr a) b (cdr b))) ok))
(let ((ok t) (a (memory-use-counts))) (dotimes (_ 5) (let ((b (memory-use-counts))) (dotimes (i 7) (when (< (nth i b) (nth i a)) (setq ok nil))) (setq a b))) ok)
