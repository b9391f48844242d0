;;; print-streams.el --- print.c output streams that are buffers and markers  -*- lexical-binding: t -*-
;; prin1, princ, print, terpri and write-char with PRINTCHARFUN (or
;; `standard-output') a buffer (insert at point, moving point) or a marker
;; (insert at the marker, advancing it and a point at or after it), the
;; escaping print_prepare binds for multibyte and unibyte buffers, the
;; current buffer during and after printing, and the errors for killed
;; buffers and markers that point nowhere or outside the narrowing.

;;; Buffers
(with-temp-buffer (prin1 '(a "b" 1) (current-buffer)) (list (buffer-string) (point)))
(with-temp-buffer (princ '(a "b" 1) (current-buffer)) (list (buffer-string) (point)))
(with-temp-buffer (print 'x (current-buffer)) (list (buffer-string) (point)))
(with-temp-buffer (print "s" (current-buffer)) (buffer-string))
(with-temp-buffer (terpri (current-buffer)) (list (buffer-string) (point)))
(with-temp-buffer (write-char ?a (current-buffer)) (write-char ?é (current-buffer)) (list (buffer-string) (point)))
(with-temp-buffer (insert "hello") (goto-char 3) (prin1 'XY (current-buffer)) (list (buffer-string) (point)))
(with-temp-buffer (let ((standard-output (current-buffer))) (prin1 1) (princ " two ") (print 3) (terpri) (write-char ?x)) (buffer-string))
(with-temp-buffer (let ((standard-output (current-buffer))) (list (prin1 'v) (princ "w") (print 'x) (terpri) (write-char ?y))))
(with-temp-buffer (prin1 "é\351" (current-buffer)) (buffer-string))
(with-temp-buffer (princ "é\351" (current-buffer)) (buffer-string))
(with-temp-buffer (prin1 "\351" (current-buffer)) (buffer-string))
(with-temp-buffer (princ "\351" (current-buffer)) (list (buffer-string) (multibyte-string-p (buffer-string))))
(with-temp-buffer (prin1 'é (current-buffer)) (buffer-string))
(with-temp-buffer (prin1 ?é (current-buffer)) (buffer-string))
(with-temp-buffer (let ((print-escape-multibyte t)) (prin1 "é" (current-buffer))) (buffer-string))
(with-temp-buffer (let ((print-escape-newlines t)) (prin1 "a\nb" (current-buffer))) (buffer-string))
(with-temp-buffer (let ((print-length 2)) (prin1 '(1 2 3) (current-buffer))) (buffer-string))

;;; Unibyte buffers
(with-temp-buffer (set-buffer-multibyte nil) (prin1 "é" (current-buffer)) (buffer-string))
(with-temp-buffer (set-buffer-multibyte nil) (princ "é" (current-buffer)) (buffer-string))
(with-temp-buffer (set-buffer-multibyte nil) (prin1 "\351" (current-buffer)) (buffer-string))
(with-temp-buffer (set-buffer-multibyte nil) (princ "\351" (current-buffer)) (buffer-string))
(with-temp-buffer (set-buffer-multibyte nil) (write-char ?é (current-buffer)) (buffer-string))
(with-temp-buffer (set-buffer-multibyte nil) (prin1 'é (current-buffer)) (buffer-string))
(with-temp-buffer (set-buffer-multibyte nil) (prin1 '("a" "ü" 200) (current-buffer)) (buffer-string))

;;; Text properties are not copied
(with-temp-buffer (princ (propertize "abc" 'face 'bold) (current-buffer)) (list (buffer-string) (text-properties-at 1)))
(with-temp-buffer (prin1 (propertize "abc" 'face 'bold) (current-buffer)) (buffer-string))
(with-temp-buffer (insert (propertize "xy" 'face 'bold)) (goto-char 2) (princ "Z" (current-buffer)) (list (buffer-string) (text-properties-at 2)))

;;; Another buffer: printing does not change the current buffer
(let ((b (generate-new-buffer " ps")) (here (current-buffer))) (unwind-protect (progn (prin1 'q b) (print 'r b) (list (eq (current-buffer) here) (with-current-buffer b (list (buffer-string) (point))))) (kill-buffer b)))
(let ((b (generate-new-buffer " ps"))) (unwind-protect (let ((standard-output b)) (princ "a") (terpri) (princ "b") (with-current-buffer b (buffer-string))) (kill-buffer b)))
(let ((b (generate-new-buffer " ps"))) (unwind-protect (progn (with-current-buffer b (insert "1234") (goto-char 2)) (princ "X" b) (with-current-buffer b (list (buffer-string) (point)))) (kill-buffer b)))
(let ((b (generate-new-buffer " ps"))) (kill-buffer b) (condition-case e (prin1 1 b) (error e)))
(let ((b (generate-new-buffer " ps"))) (kill-buffer b) (condition-case e (let ((standard-output b)) (princ "x")) (error e)))
(let ((b (generate-new-buffer " ps"))) (kill-buffer b) (condition-case e (terpri b) (error e)))
(let ((b (generate-new-buffer " ps"))) (kill-buffer b) (condition-case e (write-char ?a b) (error e)))

;;; Nested streams
(with-temp-buffer (let ((outer (current-buffer))) (with-temp-buffer (let ((standard-output outer)) (princ "in-outer")) (insert "inner") (list (buffer-string) (with-current-buffer outer (buffer-string))))))
(with-temp-buffer (let ((standard-output (current-buffer))) (princ (with-output-to-string (princ "inner"))) (princ "!")) (buffer-string))
(with-temp-buffer (let ((standard-output (current-buffer))) (prin1 (list 1 (with-temp-buffer (princ "zz" (current-buffer)) (buffer-string)) 3))) (buffer-string))
(with-temp-buffer (let ((b (current-buffer))) (prin1 'a (lambda (c) (write-char c b) (write-char c b)))) (buffer-string))

;;; Markers
(with-temp-buffer (insert "abcdef") (let ((m (copy-marker 3))) (goto-char 5) (prin1 'XY m) (list (buffer-string) (marker-position m) (point))))
(with-temp-buffer (insert "abcdef") (let ((m (copy-marker 3))) (goto-char 2) (prin1 'XY m) (list (buffer-string) (marker-position m) (point))))
(with-temp-buffer (insert "abcdef") (let ((m (copy-marker 3))) (goto-char 3) (prin1 'XY m) (list (buffer-string) (marker-position m) (point))))
(with-temp-buffer (insert "abcdef") (let ((m (copy-marker 3 t))) (goto-char 1) (princ "XY" m) (list (buffer-string) (marker-position m) (point))))
(with-temp-buffer (insert "abcdef") (let ((m (copy-marker 3)) (n (copy-marker 3)) (o (copy-marker 3 t))) (princ "XY" m) (list (buffer-string) (marker-position m) (marker-position n) (marker-position o))))
(with-temp-buffer (insert "abcdef") (let ((m (copy-marker 3))) (print 'x m) (terpri m) (write-char ?! m) (list (buffer-string) (marker-position m) (point))))
(with-temp-buffer (insert "abcdef") (let ((standard-output (copy-marker 4))) (princ "1") (princ "2") (list (buffer-string) (marker-position standard-output))))
(let ((b (generate-new-buffer " ps"))) (unwind-protect (let ((m (with-current-buffer b (insert "xyz") (goto-char 1) (copy-marker 2)))) (princ "--" m) (list (eq (current-buffer) b) (with-current-buffer b (list (buffer-string) (point) (marker-position m))))) (kill-buffer b)))
(condition-case e (prin1 1 (make-marker)) (error e))
(condition-case e (terpri (make-marker)) (error e))
(condition-case e (write-char ?a (make-marker)) (error e))
(let* ((b (generate-new-buffer " ps")) (m (with-current-buffer b (insert "x") (point-marker)))) (kill-buffer b) (condition-case e (princ "a" m) (error e)))
(with-temp-buffer (insert "abcdef") (let ((m (copy-marker 2))) (narrow-to-region 3 5) (condition-case e (princ "a" m) (error (list (car e) (cadr e) (markerp (nth 2 e)))))))
(with-temp-buffer (insert "abcdef") (let ((m (copy-marker 4))) (narrow-to-region 3 5) (princ "a" m) (widen) (list (buffer-string) (marker-position m))))
(with-temp-buffer (insert "abcdef") (let ((m (copy-marker 5))) (narrow-to-region 3 5) (princ "a" m) (widen) (list (buffer-string) (marker-position m))))

;;; terpri's ENSURE
(with-temp-buffer (list (terpri (current-buffer) t) (buffer-string)))
(with-temp-buffer (insert "a") (list (terpri (current-buffer) t) (terpri (current-buffer) t) (buffer-string)))
(with-temp-buffer (insert "a\nb") (goto-char 3) (list (terpri (current-buffer) t) (buffer-string) (point)))
(with-temp-buffer (insert "ab") (goto-char 2) (list (terpri (current-buffer) t) (buffer-string) (point)))
(with-temp-buffer (insert "ab\ncd") (let ((m (copy-marker 4))) (goto-char 6) (list (terpri m t) (terpri (copy-marker 5) t) (buffer-string) (point))))
(with-temp-buffer (let ((standard-output (current-buffer))) (princ "x") (list (terpri nil t) (terpri nil t) (buffer-string))))
(with-temp-buffer (insert "ab") (goto-char 1) (list (terpri (current-buffer) t) (buffer-string)))

;;; Modification hooks and read-only buffers
(with-temp-buffer (let ((log nil)) (add-hook 'after-change-functions (lambda (b e l) (push (list b e l) log)) nil t) (prin1 '(1 2) (current-buffer)) (princ "ab" (current-buffer)) (nreverse log)))
(with-temp-buffer (let ((log nil)) (add-hook 'before-change-functions (lambda (b e) (push (list b e) log)) nil t) (print 'x (current-buffer)) (nreverse log)))
(with-temp-buffer (insert "ro") (setq buffer-read-only t) (condition-case e (prin1 'x (current-buffer)) (error (list e (buffer-string)))))
(with-temp-buffer (insert "ro") (setq buffer-read-only t) (let ((inhibit-read-only t)) (prin1 'x (current-buffer))) (buffer-string))
(with-temp-buffer (princ "" (current-buffer)) (list (buffer-string) (buffer-modified-p)))
(with-temp-buffer (let ((log nil)) (add-hook 'after-change-functions (lambda (b e l) (push (list b e l) log)) nil t) (princ "" (current-buffer)) log))

;;; Undo records one insertion per print
(with-temp-buffer (buffer-enable-undo) (prin1 '(a b) (current-buffer)) (princ "c" (current-buffer)) buffer-undo-list)

;;; print-unreadable-function and the current buffer while printing
(let ((b (generate-new-buffer " ps"))) (unwind-protect (let ((print-unreadable-function (lambda (_o _e) (buffer-name (current-buffer))))) (prin1 (list (symbol-function 'car)) b) (with-current-buffer b (buffer-string))) (kill-buffer b)))
(with-temp-buffer (let ((print-unreadable-function (lambda (_o _e) (insert "<cb>") "U"))) (insert "12") (prin1 (list (symbol-function 'car) 'z) (current-buffer)) (list (buffer-string) (point))))
(with-temp-buffer (insert "ab") (let ((print-unreadable-function (lambda (_o _e) (princ "in" (current-buffer)) "U"))) (prin1 (symbol-function 'car) (current-buffer))) (buffer-string))
(with-temp-buffer (let ((print-unreadable-function (lambda (_o _e) (error "boom")))) (insert "ab") (condition-case e (prin1 (list 'x (symbol-function 'car)) (current-buffer)) (error (list e (buffer-string))))))

;;; The value returned
(with-temp-buffer (list (prin1 "v" (current-buffer)) (princ 'w (current-buffer)) (print 1.5 (current-buffer)) (terpri (current-buffer)) (write-char 65 (current-buffer))))
(with-temp-buffer (condition-case e (write-char "a" (current-buffer)) (error (list e (buffer-string)))))
(with-temp-buffer (condition-case e (write-char "a" (make-marker)) (error e)))

;;; Lisp run while printing: inhibit-modification-hooks, nesting
(let ((print-unreadable-function (lambda (_o _e) (format "%s" inhibit-modification-hooks)))) (list (prin1-to-string (symbol-function 'car)) (format "%S" (symbol-function 'car)) (with-temp-buffer (prin1 (symbol-function 'car) (current-buffer)) (buffer-string))))
(let ((print-unreadable-function (lambda (_o _e) (format "%s" inhibit-modification-hooks)))) (with-output-to-string (prin1 (symbol-function 'car))))
(with-temp-buffer (let ((b (current-buffer))) (with-temp-buffer (let ((print-unreadable-function (lambda (_o _e) (if (eq (current-buffer) b) "outer" "inner")))) (list (prin1-to-string (list (symbol-function 'car) (prin1-to-string (symbol-function 'car) nil))) (let ((s (with-current-buffer b (prin1-to-string (symbol-function 'car))))) s))))))
(with-output-to-string (princ "é\351") (prin1 "é\351"))
(with-temp-buffer (insert "abc") (let ((print-unreadable-function (lambda (_o _e) (prin1-to-string 'nested) "U"))) (prin1 (list 1 (symbol-function 'car) 2) (current-buffer))) (buffer-string))
(with-temp-buffer (let ((print-unreadable-function (lambda (_o _e) (with-temp-buffer (princ "abcdefgh" (current-buffer))) "U"))) (prin1 (list 1 (symbol-function 'car) 2) (current-buffer))) (buffer-string))
(let ((print-unreadable-function (lambda (_o _e) (with-temp-buffer (princ "xy" (current-buffer))) "U"))) (prin1-to-string (list 12345 (symbol-function 'car) 2)))
