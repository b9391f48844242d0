;; handler-bind.el -- Emacs 30's handler-bind: handlers run at signal time, innermost first, up to the condition-case that catches; non-local exits from handlers.
(let ((log nil)) (list (condition-case e (handler-bind ((error (lambda (err) (push (list 'saw err) log)))) (car 1)) (error (list 'caught e))) log))
(let ((log nil)) (list (catch 'tag (handler-bind ((arith-error (lambda (_) (throw 'tag 'thrown)))) (/ 1 0))) log))
(let ((log nil)) (condition-case e (handler-bind ((wrong-type-argument (lambda (_) (push 'inner log)))) (condition-case nil (car 1) (wrong-type-argument (push 'cc log)))) (error e)) log)
(let ((log nil)) (condition-case e (handler-bind ((error (lambda (_) (push 'outer log)))) (handler-bind ((error (lambda (_) (push 'inner log)))) (signal 'my-err '(1)))) (t (list e log))))
(let ((log nil)) (condition-case e (handler-bind ((error (lambda (_) (push 'outer log)))) (handler-bind ((error (lambda (_) (push 'inner log)))) (error "x"))) (t (list e (reverse log)))))
(handler-bind () 5)
(let ((log nil)) (condition-case e (handler-bind ((error (lambda (_) (push 'h log) (car 2)))) (car 1)) (t (list e log))))
