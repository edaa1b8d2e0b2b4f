(module
 (type $0 (func (param f64) (result f64)))
 (type $1 (func (param i32 i32)))
 (type $2 (func (param i32 i32 i32)))
 (type $3 (func (param i32 i32) (result f64)))
 (type $4 (func (param i32 i32 i32 i32 i32 i32 i32 i32)))
 (type $5 (func (param f32 i32 i32 i32) (result f32)))
 (type $6 (func (param f64 f64 f64 f64) (result f64)))
 (type $7 (func (param f64 f64 f64) (result f64)))
 (memory $0 38 65536)
 (export "memory" (memory $0))
 (export "value_from_f64" (func $f32v_from_f64))
 (export "value_to_f64" (func $f32v_to_f64))
 (export "infer" (func $infer))
 (export "forward" (func $forward))
 (func $f32_dense ;; kernel library, elided (targets/wasm, test/golden/wasm-kernels.wat)
 )
 (func $f64_exp ;; kernel library, elided (targets/wasm, test/golden/wasm-kernels.wat)
 )
 (func $f64_expm1 ;; kernel library, elided (targets/wasm, test/golden/wasm-kernels.wat)
 )
 (func $f64_log ;; kernel library, elided (targets/wasm, test/golden/wasm-kernels.wat)
 )
 (func $f64_tanh ;; kernel library, elided (targets/wasm, test/golden/wasm-kernels.wat)
 )
 (func $f64_sigmoid ;; kernel library, elided (targets/wasm, test/golden/wasm-kernels.wat)
 )
 (func $f64_gelu ;; kernel library, elided (targets/wasm, test/golden/wasm-kernels.wat)
 )
 (func $f32_dot_acc (param $0 f32) (param $1 i32) (param $2 i32) (param $3 i32) (result f32)
  (local $4 i32)
  (local $5 i32)
  (block $done0
   (local.set $5
    (local.get $3)
   )
   (local.set $4
    (i32.const 0)
   )
   (br_if $done0
    (i32.ge_s
     (local.get $4)
     (local.get $5)
    )
   )
   (loop $next1
    (local.set $0
     (f32.add
      (local.get $0)
      (f32.mul
       (f32.load
        (i32.add
         (local.get $1)
         (i32.shl
          (local.get $4)
          (i32.const 2)
         )
        )
       )
       (f32.load
        (i32.add
         (local.get $2)
         (i32.shl
          (local.get $4)
          (i32.const 2)
         )
        )
       )
      )
     )
    )
    (local.set $4
     (i32.add
      (local.get $4)
      (i32.const 1)
     )
    )
    (br_if $next1
     (i32.lt_s
      (local.get $4)
      (local.get $5)
     )
    )
   )
  )
  (local.get $0)
 )
 (func $f32v_to_f64 (param $0 i32) (param $1 i32) (param $2 i32)
  (local $3 i32)
  (local $4 i32)
  (block $done0
   (local.set $4
    (local.get $2)
   )
   (local.set $3
    (i32.const 0)
   )
   (br_if $done0
    (i32.ge_s
     (local.get $3)
     (local.get $4)
    )
   )
   (loop $next1
    (f64.store
     (i32.add
      (local.get $1)
      (i32.shl
       (local.get $3)
       (i32.const 3)
      )
     )
     (f64.promote_f32
      (f32.load
       (i32.add
        (local.get $0)
        (i32.shl
         (local.get $3)
         (i32.const 2)
        )
       )
      )
     )
    )
    (local.set $3
     (i32.add
      (local.get $3)
      (i32.const 1)
     )
    )
    (br_if $next1
     (i32.lt_s
      (local.get $3)
      (local.get $4)
     )
    )
   )
  )
 )
 (func $f32v_from_f64 (param $0 i32) (param $1 i32) (param $2 i32)
  (local $3 i32)
  (local $4 i32)
  (block $done0
   (local.set $4
    (local.get $2)
   )
   (local.set $3
    (i32.const 0)
   )
   (br_if $done0
    (i32.ge_s
     (local.get $3)
     (local.get $4)
    )
   )
   (loop $next1
    (f32.store
     (i32.add
      (local.get $1)
      (i32.shl
       (local.get $3)
       (i32.const 2)
      )
     )
     (f32.demote_f64
      (f64.load
       (i32.add
        (local.get $0)
        (i32.shl
         (local.get $3)
         (i32.const 3)
        )
       )
      )
     )
    )
    (local.set $3
     (i32.add
      (local.get $3)
      (i32.const 1)
     )
    )
    (br_if $next1
     (i32.lt_s
      (local.get $3)
      (local.get $4)
     )
    )
   )
  )
 )
 (func $f64_row_max (param $0 i32) (param $1 i32) (result f64)
  (local $2 f64)
  (local $3 f64)
  (local $4 i32)
  (local $5 i32)
  (local.set $2
   (f64.const -inf)
  )
  (block $done0
   (local.set $5
    (local.get $1)
   )
   (local.set $4
    (i32.const 0)
   )
   (br_if $done0
    (i32.ge_s
     (local.get $4)
     (local.get $5)
    )
   )
   (loop $next1
    (local.set $3
     (f64.load
      (i32.add
       (local.get $0)
       (i32.shl
        (local.get $4)
        (i32.const 3)
       )
      )
     )
    )
    (if
     (f64.ne
      (local.get $3)
      (local.get $3)
     )
     (then
      (return
       (local.get $3)
      )
     )
    )
    (if
     (f64.gt
      (local.get $3)
      (local.get $2)
     )
     (then
      (local.set $2
       (local.get $3)
      )
     )
    )
    (local.set $4
     (i32.add
      (local.get $4)
      (i32.const 1)
     )
    )
    (br_if $next1
     (i32.lt_s
      (local.get $4)
      (local.get $5)
     )
    )
   )
  )
  (local.get $2)
 )
 (func $f64_softmax_row (param $0 i32) (param $1 i32) (param $2 i32)
  (local $3 f64)
  (local $4 f64)
  (local $5 f64)
  (local $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local $9 i32)
  (local.set $3
   (call $f64_row_max
    (local.get $0)
    (local.get $2)
   )
  )
  (local.set $4
   (f64.const 0)
  )
  (block $done0
   (local.set $7
    (local.get $2)
   )
   (local.set $6
    (i32.const 0)
   )
   (br_if $done0
    (i32.ge_s
     (local.get $6)
     (local.get $7)
    )
   )
   (loop $next1
    (local.set $5
     (call $f64_exp
      (f64.sub
       (f64.load
        (i32.add
         (local.get $0)
         (i32.shl
          (local.get $6)
          (i32.const 3)
         )
        )
       )
       (local.get $3)
      )
     )
    )
    (f64.store
     (i32.add
      (local.get $1)
      (i32.shl
       (local.get $6)
       (i32.const 3)
      )
     )
     (local.get $5)
    )
    (local.set $4
     (f64.add
      (local.get $4)
      (local.get $5)
     )
    )
    (local.set $6
     (i32.add
      (local.get $6)
      (i32.const 1)
     )
    )
    (br_if $next1
     (i32.lt_s
      (local.get $6)
      (local.get $7)
     )
    )
   )
  )
  (block $done2
   (local.set $9
    (local.get $2)
   )
   (local.set $8
    (i32.const 0)
   )
   (br_if $done2
    (i32.ge_s
     (local.get $8)
     (local.get $9)
    )
   )
   (loop $next3
    (f64.store
     (i32.add
      (local.get $1)
      (i32.shl
       (local.get $8)
       (i32.const 3)
      )
     )
     (f64.div
      (f64.load
       (i32.add
        (local.get $1)
        (i32.shl
         (local.get $8)
         (i32.const 3)
        )
       )
      )
      (local.get $4)
     )
    )
    (local.set $8
     (i32.add
      (local.get $8)
      (i32.const 1)
     )
    )
    (br_if $next3
     (i32.lt_s
      (local.get $8)
      (local.get $9)
     )
    )
   )
  )
 )
 (func $f64_log_sum_exp (param $0 i32) (param $1 i32) (result f64)
  (local $2 f64)
  (local $3 f64)
  (local $4 i32)
  (local $5 i32)
  (local.set $2
   (call $f64_row_max
    (local.get $0)
    (local.get $1)
   )
  )
  (if
   (f64.eq
    (f64.abs
     (local.get $2)
    )
    (f64.const inf)
   )
   (then
    (return
     (local.get $2)
    )
   )
  )
  (local.set $3
   (f64.const 0)
  )
  (block $done0
   (local.set $5
    (local.get $1)
   )
   (local.set $4
    (i32.const 0)
   )
   (br_if $done0
    (i32.ge_s
     (local.get $4)
     (local.get $5)
    )
   )
   (loop $next1
    (local.set $3
     (f64.add
      (local.get $3)
      (call $f64_exp
       (f64.sub
        (f64.load
         (i32.add
          (local.get $0)
          (i32.shl
           (local.get $4)
           (i32.const 3)
          )
         )
        )
        (local.get $2)
       )
      )
     )
    )
    (local.set $4
     (i32.add
      (local.get $4)
      (i32.const 1)
     )
    )
    (br_if $next1
     (i32.lt_s
      (local.get $4)
      (local.get $5)
     )
    )
   )
  )
  (f64.add
   (local.get $2)
   (call $f64_log
    (local.get $3)
   )
  )
 )
 (func $f64_dsigmoid (param $0 f64) (result f64)
  (local $1 f64)
  (local.set $1
   (call $f64_sigmoid
    (local.get $0)
   )
  )
  (f64.mul
   (local.get $1)
   (f64.sub
    (f64.const 1)
    (local.get $1)
   )
  )
 )
 (func $f64_dtanh (param $0 f64) (result f64)
  (local $1 f64)
  (local.set $1
   (call $f64_tanh
    (local.get $0)
   )
  )
  (f64.sub
   (f64.const 1)
   (f64.mul
    (local.get $1)
    (local.get $1)
   )
  )
 )
 (func $f64_dgelu (param $0 f64) (result f64)
  (local $1 f64)
  (local.set $1
   (call $f64_tanh
    (f64.mul
     (f64.const 0.7978845608028654)
     (f64.add
      (local.get $0)
      (f64.mul
       (f64.const 0.044715)
       (f64.mul
        (f64.mul
         (local.get $0)
         (local.get $0)
        )
        (local.get $0)
       )
      )
     )
    )
   )
  )
  (f64.add
   (f64.mul
    (f64.const 0.5)
    (f64.add
     (f64.const 1)
     (local.get $1)
    )
   )
   (f64.mul
    (f64.mul
     (f64.mul
      (f64.mul
       (f64.const 0.5)
       (local.get $0)
      )
      (f64.sub
       (f64.const 1)
       (f64.mul
        (local.get $1)
        (local.get $1)
       )
      )
     )
     (f64.const 0.7978845608028654)
    )
    (f64.add
     (f64.const 1)
     (f64.mul
      (f64.mul
       (f64.const 3)
       (f64.const 0.044715)
      )
      (f64.mul
       (local.get $0)
       (local.get $0)
      )
     )
    )
   )
  )
 )
 (func $f64_anneal_temperature (param $0 f64) (param $1 f64) (param $2 f64) (param $3 f64) (result f64)
  (f64.mul
   (local.get $0)
   (call $f64_exp
    (f64.mul
     (call $f64_log
      (f64.div
       (local.get $1)
       (local.get $0)
      )
     )
     (f64.div
      (local.get $3)
      (local.get $2)
     )
    )
   )
  )
 )
 (func $f64_anneal_mask (param $0 f64) (param $1 f64) (param $2 f64) (result f64)
  (call $f64_sigmoid
   (f64.div
    (f64.sub
     (local.get $0)
     (call $f64_log
      (f64.div
       (local.get $1)
       (f64.sub
        (f64.const 1)
        (local.get $1)
       )
      )
     )
    )
    (local.get $2)
   )
  )
 )
 (func $fwd_3 (param $0 i32) (param $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local.set $2
   (i32.add
    (i32.const 2438656)
    (i32.mul
     (local.get $0)
     (i32.const 6272)
    )
   )
  )
  (local.set $3
   (i32.add
    (i32.const 2438656)
    (i32.mul
     (local.get $0)
     (i32.const 9408)
    )
   )
  )
  (call $f32_dense
   (i32.const 18816)
   (i32.const 821632)
   (local.get $2)
   (local.get $3)
   (local.get $0)
   (i32.const 784)
   (i32.const 256)
   (i32.const 0)
  )
 )
 (func $fwd_4 (param $0 i32) (param $1 i32)
  (local $2 f32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local $9 i32)
  (local $10 i32)
  (local.set $7
   (i32.add
    (i32.const 2438656)
    (i32.mul
     (local.get $0)
     (i32.const 10432)
    )
   )
  )
  (local.set $8
   (i32.add
    (i32.const 2438656)
    (i32.mul
     (local.get $0)
     (i32.const 9408)
    )
   )
  )
  (block
   (local.set $3
    (i32.mul
     (local.get $0)
     (i32.const 256)
    )
   )
   (local.set $4
    (i32.shr_u
     (local.get $3)
     (i32.const 2)
    )
   )
   (block $done0
    (local.set $6
     (local.get $4)
    )
    (local.set $5
     (i32.const 0)
    )
    (br_if $done0
     (i32.ge_s
      (local.get $5)
      (local.get $6)
     )
    )
    (loop $next1
     (v128.store align=4
      (i32.add
       (local.get $7)
       (i32.mul
        (i32.shl
         (local.get $5)
         (i32.const 2)
        )
        (i32.const 4)
       )
      )
      (f32x4.max
       (v128.load align=4
        (i32.add
         (local.get $8)
         (i32.mul
          (i32.shl
           (local.get $5)
           (i32.const 2)
          )
          (i32.const 4)
         )
        )
       )
       (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000)
      )
     )
     (local.set $5
      (i32.add
       (local.get $5)
       (i32.const 1)
      )
     )
     (br_if $next1
      (i32.lt_s
       (local.get $5)
       (local.get $6)
      )
     )
    )
   )
   (block $done2
    (local.set $10
     (i32.sub
      (local.get $3)
      (i32.shl
       (local.get $4)
       (i32.const 2)
      )
     )
    )
    (local.set $9
     (i32.const 0)
    )
    (br_if $done2
     (i32.ge_s
      (local.get $9)
      (local.get $10)
     )
    )
    (loop $next3
     (f32.store
      (i32.add
       (local.get $7)
       (i32.mul
        (i32.add
         (i32.shl
          (local.get $4)
          (i32.const 2)
         )
         (local.get $9)
        )
        (i32.const 4)
       )
      )
      (f32.max
       (f32.load
        (i32.add
         (local.get $8)
         (i32.mul
          (i32.add
           (i32.shl
            (local.get $4)
            (i32.const 2)
           )
           (local.get $9)
          )
          (i32.const 4)
         )
        )
       )
       (f32.const 0)
      )
     )
     (local.set $9
      (i32.add
       (local.get $9)
       (i32.const 1)
      )
     )
     (br_if $next3
      (i32.lt_s
       (local.get $9)
       (local.get $10)
      )
     )
    )
   )
  )
 )
 (func $fwd_7 (param $0 i32) (param $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local.set $2
   (i32.add
    (i32.const 2438656)
    (i32.mul
     (local.get $0)
     (i32.const 10432)
    )
   )
  )
  (local.set $3
   (i32.add
    (i32.const 2438656)
    (i32.mul
     (local.get $0)
     (i32.const 11456)
    )
   )
  )
  (call $f32_dense
   (i32.const 822656)
   (i32.const 832896)
   (local.get $2)
   (local.get $3)
   (local.get $0)
   (i32.const 256)
   (i32.const 10)
   (i32.const 0)
  )
 )
 (func $fwd_10 (param $0 i32) (param $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local.set $6
   (i32.add
    (i32.const 2438656)
    (i32.mul
     (local.get $0)
     (i32.const 11456)
    )
   )
  )
  (local.set $7
   (i32.add
    (i32.const 2438656)
    (i32.mul
     (local.get $0)
     (i32.const 11584)
    )
   )
  )
  (local.set $8
   (i32.add
    (i32.const 2438656)
    (i32.mul
     (local.get $0)
     (i32.const 11576)
    )
   )
  )
  (block $done0
   (local.set $3
    (local.get $0)
   )
   (local.set $2
    (i32.const 0)
   )
   (br_if $done0
    (i32.ge_s
     (local.get $2)
     (local.get $3)
    )
   )
   (loop $next1
    (block $done2
     (local.set $5
      (i32.const 10)
     )
     (local.set $4
      (i32.const 0)
     )
     (br_if $done2
      (i32.ge_s
       (local.get $4)
       (local.get $5)
      )
     )
     (loop $next3
      (f64.store
       (i32.add
        (i32.const 0)
        (i32.mul
         (local.get $4)
         (i32.const 8)
        )
       )
       (f64.promote_f32
        (f32.load
         (i32.add
          (local.get $6)
          (i32.mul
           (i32.add
            (i32.mul
             (local.get $2)
             (i32.const 10)
            )
            (local.get $4)
           )
           (i32.const 4)
          )
         )
        )
       )
      )
      (local.set $4
       (i32.add
        (local.get $4)
        (i32.const 1)
       )
      )
      (br_if $next3
       (i32.lt_s
        (local.get $4)
        (local.get $5)
       )
      )
     )
    )
    (f32.store
     (i32.add
      (local.get $7)
      (i32.mul
       (local.get $2)
       (i32.const 4)
      )
     )
     (f32.demote_f64
      (f64.sub
       (call $f64_log_sum_exp
        (i32.const 0)
        (i32.const 10)
       )
       (f64.load
        (i32.add
         (i32.const 0)
         (i32.mul
          (i32.load
           (i32.add
            (local.get $8)
            (i32.mul
             (local.get $2)
             (i32.const 4)
            )
           )
          )
          (i32.const 8)
         )
        )
       )
      )
     )
    )
    (local.set $2
     (i32.add
      (local.get $2)
      (i32.const 1)
     )
    )
    (br_if $next1
     (i32.lt_s
      (local.get $2)
      (local.get $3)
     )
    )
   )
  )
 )
 (func $fwd_11 (param $0 i32) (param $1 i32)
  (local $2 f32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local.set $5
   (i32.add
    (i32.const 2438656)
    (i32.mul
     (local.get $0)
     (i32.const 11584)
    )
   )
  )
  (local.set $2
   (f32.const 0)
  )
  (block $done0
   (local.set $4
    (local.get $0)
   )
   (local.set $3
    (i32.const 0)
   )
   (br_if $done0
    (i32.ge_s
     (local.get $3)
     (local.get $4)
    )
   )
   (loop $next1
    (local.set $2
     (f32.add
      (local.get $2)
      (f32.load
       (i32.add
        (local.get $5)
        (i32.mul
         (local.get $3)
         (i32.const 4)
        )
       )
      )
     )
    )
    (local.set $3
     (i32.add
      (local.get $3)
      (i32.const 1)
     )
    )
    (br_if $next1
     (i32.lt_s
      (local.get $3)
      (local.get $4)
     )
    )
   )
  )
  (f32.store
   (i32.const 2438608)
   (f32.div
    (local.get $2)
    (f32.convert_i32_u
     (local.get $0)
    )
   )
  )
 )
 (func $infer (param $0 i32) (param $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local.set $2
   (i32.add
    (i32.const 2438656)
    (i32.mul
     (local.get $0)
     (i32.const 0)
    )
   )
  )
  (local.set $3
   (i32.add
    (i32.const 2438656)
    (i32.mul
     (local.get $0)
     (i32.const 6272)
    )
   )
  )
  (local.set $4
   (i32.add
    (i32.const 2438656)
    (i32.mul
     (local.get $0)
     (i32.const 11456)
    )
   )
  )
  (local.set $5
   (i32.add
    (i32.const 2438656)
    (i32.mul
     (local.get $0)
     (i32.const 11496)
    )
   )
  )
  (call $f32v_from_f64
   (local.get $2)
   (local.get $3)
   (i32.mul
    (local.get $0)
    (i32.const 784)
   )
  )
  (call $fwd_3
   (local.get $0)
   (local.get $1)
  )
  (call $fwd_4
   (local.get $0)
   (local.get $1)
  )
  (call $fwd_7
   (local.get $0)
   (local.get $1)
  )
  (call $f32v_to_f64
   (local.get $4)
   (local.get $5)
   (i32.mul
    (local.get $0)
    (i32.const 10)
   )
  )
 )
 (func $forward (param $0 i32) (param $1 i32) (param $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local.set $3
   (i32.add
    (i32.const 2438656)
    (i32.mul
     (local.get $0)
     (i32.const 0)
    )
   )
  )
  (local.set $4
   (i32.add
    (i32.const 2438656)
    (i32.mul
     (local.get $0)
     (i32.const 6272)
    )
   )
  )
  (local.set $5
   (i32.add
    (i32.const 2438656)
    (i32.mul
     (local.get $0)
     (i32.const 11456)
    )
   )
  )
  (local.set $6
   (i32.add
    (i32.const 2438656)
    (i32.mul
     (local.get $0)
     (i32.const 11496)
    )
   )
  )
  (call $f32v_from_f64
   (local.get $3)
   (local.get $4)
   (i32.mul
    (local.get $0)
    (i32.const 784)
   )
  )
  (call $fwd_3
   (local.get $0)
   (local.get $1)
  )
  (call $fwd_4
   (local.get $0)
   (local.get $1)
  )
  (call $fwd_7
   (local.get $0)
   (local.get $1)
  )
  (call $f32v_to_f64
   (local.get $5)
   (local.get $6)
   (i32.mul
    (local.get $0)
    (i32.const 10)
   )
  )
  (if
   (local.get $2)
   (then
    (call $fwd_10
     (local.get $0)
     (local.get $1)
    )
    (call $fwd_11
     (local.get $0)
     (local.get $1)
    )
    (call $f32v_to_f64
     (i32.const 2438608)
     (i32.const 2438592)
     (i32.const 1)
    )
   )
  )
 )
)
