(module
 (type $0 (func (param i32 i32)))
 (type $1 (func (param f64) (result f64)))
 (type $2 (func (param i32 i32 i32)))
 (type $3 (func (param i32 i32) (result f64)))
 (type $4 (func (param i32 i32 i32 i32 i32 i32 i32 i32)))
 (type $5 (func (param f32 i32 i32 i32) (result f32)))
 (type $6 (func (param f64 f64 f64 f64) (result f64)))
 (type $7 (func (param f64 f64 f64) (result f64)))
 (type $8 (func (param i32 i32 f64)))
 (memory $0 123 65536)
 (export "memory" (memory $0))
 (export "value_from_f64" (func $f32v_from_f64))
 (export "value_to_f64" (func $f32v_to_f64))
 (export "infer" (func $infer))
 (export "forward" (func $forward))
 (export "jvp_begin" (func $jvp_begin))
 (export "jvp_dir" (func $jvp_dir))
 (export "jvp_end" (func $jvp_end))
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
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 6272)
    )
   )
  )
  (local.set $3
   (i32.add
    (i32.const 8038912)
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
 (func $tan_3 (param $0 i32) (param $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 f32)
  (local $7 i32)
  (local $8 i32)
  (local $9 i32)
  (local.set $7
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 20856)
    )
   )
  )
  (local.set $8
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 6272)
    )
   )
  )
  (local.set $9
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 15688)
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
      (i32.const 256)
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
      (local.set $6
       (f32.const 0)
      )
      (if
       (i32.load8_u
        (i32.add
         (local.get $7)
         (i32.add
          (i32.mul
           (local.get $2)
           (i32.const 256)
          )
          (local.get $4)
         )
        )
       )
       (then
        (local.set $6
         (f32.add
          (local.get $6)
          (f32.load
           (i32.add
            (i32.const 5110192)
            (i32.mul
             (local.get $4)
             (i32.const 4)
            )
           )
          )
         )
        )
       )
      )
      (if
       (i32.load8_u
        (i32.add
         (local.get $7)
         (i32.add
          (i32.mul
           (local.get $2)
           (i32.const 256)
          )
          (local.get $4)
         )
        )
       )
       (then
        (local.set $6
         (call $f32_dot_acc
          (local.get $6)
          (i32.add
           (i32.const 1096112)
           (i32.mul
            (local.get $4)
            (i32.const 3136)
           )
          )
          (i32.add
           (local.get $8)
           (i32.mul
            (local.get $2)
            (i32.const 3136)
           )
          )
          (i32.const 784)
         )
        )
       )
      )
      (f32.store
       (i32.add
        (local.get $9)
        (i32.mul
         (i32.add
          (i32.mul
           (local.get $2)
           (i32.const 256)
          )
          (local.get $4)
         )
         (i32.const 4)
        )
       )
       (local.get $6)
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
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 10432)
    )
   )
  )
  (local.set $8
   (i32.add
    (i32.const 8038912)
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
 (func $tan_4 (param $0 i32) (param $1 i32)
  (local $2 f32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local.set $5
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 15688)
    )
   )
  )
  (local.set $6
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 9408)
    )
   )
  )
  (local.set $7
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 16712)
    )
   )
  )
  (block $done0
   (local.set $4
    (i32.mul
     (local.get $0)
     (i32.const 256)
    )
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
     (f32.load
      (i32.add
       (local.get $6)
       (i32.mul
        (local.get $3)
        (i32.const 4)
       )
      )
     )
    )
    (f32.store
     (i32.add
      (local.get $7)
      (i32.mul
       (local.get $3)
       (i32.const 4)
      )
     )
     (select
      (f32.load
       (i32.add
        (local.get $5)
        (i32.mul
         (local.get $3)
         (i32.const 4)
        )
       )
      )
      (f32.const 0)
      (f32.gt
       (local.get $2)
       (f32.const 0)
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
 (func $fwd_7 (param $0 i32) (param $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local.set $2
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 10432)
    )
   )
  )
  (local.set $3
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 11456)
    )
   )
  )
  (call $f32_dense
   (i32.const 822656)
   (i32.const 1084800)
   (local.get $2)
   (local.get $3)
   (local.get $0)
   (i32.const 256)
   (i32.const 256)
   (i32.const 0)
  )
 )
 (func $tan_7 (param $0 i32) (param $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 f32)
  (local $7 i32)
  (local $8 i32)
  (local $9 i32)
  (local.set $7
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 16712)
    )
   )
  )
  (local.set $8
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 10432)
    )
   )
  )
  (local.set $9
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 17736)
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
      (i32.const 256)
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
      (local.set $6
       (f32.const 0)
      )
      (local.set $6
       (f32.add
        (local.get $6)
        (f32.load
         (i32.add
          (i32.const 6426032)
          (i32.mul
           (local.get $4)
           (i32.const 4)
          )
         )
        )
       )
      )
      (local.set $6
       (call $f32_dot_acc
        (local.get $6)
        (i32.add
         (i32.const 822656)
         (i32.mul
          (local.get $4)
          (i32.const 1024)
         )
        )
        (i32.add
         (local.get $7)
         (i32.mul
          (local.get $2)
          (i32.const 1024)
         )
        )
        (i32.const 256)
       )
      )
      (local.set $6
       (call $f32_dot_acc
        (local.get $6)
        (i32.add
         (i32.const 5115312)
         (i32.mul
          (local.get $4)
          (i32.const 1024)
         )
        )
        (i32.add
         (local.get $8)
         (i32.mul
          (local.get $2)
          (i32.const 1024)
         )
        )
        (i32.const 256)
       )
      )
      (f32.store
       (i32.add
        (local.get $9)
        (i32.mul
         (i32.add
          (i32.mul
           (local.get $2)
           (i32.const 256)
          )
          (local.get $4)
         )
         (i32.const 4)
        )
       )
       (local.get $6)
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
 (func $fwd_8 (param $0 i32) (param $1 i32)
  (local $2 f64)
  (local $3 f32)
  (local $4 i32)
  (local $5 f64)
  (local $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local $9 i32)
  (local $10 i32)
  (local $11 i32)
  (local.set $9
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 11456)
    )
   )
  )
  (local.set $10
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 12480)
    )
   )
  )
  (local.set $11
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 13504)
    )
   )
  )
  (local.set $6
   (i32.const 1)
  )
  (block $done0
   (local.set $8
    (i32.mul
     (local.get $0)
     (i32.const 256)
    )
   )
   (local.set $7
    (i32.const 0)
   )
   (br_if $done0
    (i32.ge_s
     (local.get $7)
     (local.get $8)
    )
   )
   (loop $next1
    (local.set $2
     (f64.promote_f32
      (f32.load
       (i32.add
        (local.get $9)
        (i32.mul
         (local.get $7)
         (i32.const 4)
        )
       )
      )
     )
    )
    (local.set $3
     (f32.demote_f64
      (call $f64_sigmoid
       (local.get $2)
      )
     )
    )
    (block
     (local.set $4
      (f32.ge
       (local.get $3)
       (f32.const 0.5)
      )
     )
     (f32.store
      (i32.add
       (local.get $10)
       (i32.mul
        (local.get $7)
        (i32.const 4)
       )
      )
      (select
       (f32.const 1)
       (f32.const 0)
       (local.get $4)
      )
     )
     (f32.store
      (i32.add
       (local.get $11)
       (i32.mul
        (local.get $7)
        (i32.const 4)
       )
      )
      (select
       (f32.const 1)
       (local.get $3)
       (local.get $4)
      )
     )
    )
    (local.set $7
     (i32.add
      (local.get $7)
      (i32.const 1)
     )
    )
    (br_if $next1
     (i32.lt_s
      (local.get $7)
      (local.get $8)
     )
    )
   )
  )
 )
 (func $skip_8 (param $0 i32) (param $1 i32)
  (local $2 f64)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local.set $5
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 11456)
    )
   )
  )
  (local.set $6
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 12480)
    )
   )
  )
  (block $done0
   (local.set $4
    (i32.mul
     (local.get $0)
     (i32.const 256)
    )
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
     (f64.promote_f32
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
    (f32.store
     (i32.add
      (local.get $6)
      (i32.mul
       (local.get $3)
       (i32.const 4)
      )
     )
     (if (result f32)
      (f64.ge
       (local.get $2)
       (f64.const 1.8189894035442021e-12)
      )
      (then
       (f32.const 1)
      )
      (else
       (if (result f32)
        (f64.le
         (local.get $2)
         (f64.const -1.1921110854040135e-07)
        )
        (then
         (f32.const 0)
        )
        (else
         (select
          (f32.const 1)
          (f32.const 0)
          (f32.ge
           (f32.demote_f64
            (call $f64_sigmoid
             (local.get $2)
            )
           )
           (f32.const 0.5)
          )
         )
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
 (func $tan_8 (param $0 i32) (param $1 i32)
  (local $2 f64)
  (local $3 f64)
  (local $4 f64)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local $9 i32)
  (local $10 i32)
  (local.set $8
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 11456)
    )
   )
  )
  (local.set $9
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 18760)
    )
   )
  )
  (local.set $10
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 17736)
    )
   )
  )
  (local.set $5
   (i32.const 0)
  )
  (block $done0
   (local.set $7
    (i32.mul
     (local.get $0)
     (i32.const 256)
    )
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
    (local.set $2
     (f64.promote_f32
      (f32.load
       (i32.add
        (local.get $8)
        (i32.mul
         (local.get $6)
         (i32.const 4)
        )
       )
      )
     )
    )
    (f32.store
     (i32.add
      (local.get $9)
      (i32.mul
       (local.get $6)
       (i32.const 4)
      )
     )
     (f32.demote_f64
      (f64.mul
       (if (result f64)
        (local.get $5)
        (then
         (local.set $3
          (call $f64_anneal_mask
           (local.get $2)
           (f64.const 0.5)
           (local.get $4)
          )
         )
         (f64.div
          (f64.mul
           (local.get $3)
           (f64.sub
            (f64.const 1)
            (local.get $3)
           )
          )
          (local.get $4)
         )
        )
        (else
         (call $f64_dsigmoid
          (local.get $2)
         )
        )
       )
       (f64.promote_f32
        (f32.load
         (i32.add
          (local.get $10)
          (i32.mul
           (local.get $6)
           (i32.const 4)
          )
         )
        )
       )
      )
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
 )
 (func $fwd_9 (param $0 i32) (param $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local.set $4
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 14528)
    )
   )
  )
  (local.set $5
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 10432)
    )
   )
  )
  (local.set $6
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 12480)
    )
   )
  )
  (block $done0
   (local.set $3
    (i32.mul
     (local.get $0)
     (i32.const 256)
    )
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
    (f32.store
     (i32.add
      (local.get $4)
      (i32.mul
       (local.get $2)
       (i32.const 4)
      )
     )
     (f32.mul
      (f32.load
       (i32.add
        (local.get $5)
        (i32.mul
         (local.get $2)
         (i32.const 4)
        )
       )
      )
      (f32.load
       (i32.add
        (local.get $6)
        (i32.mul
         (local.get $2)
         (i32.const 4)
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
 (func $tan_9 (param $0 i32) (param $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 f32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local $9 i32)
  (local.set $5
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 16712)
    )
   )
  )
  (local.set $6
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 13504)
    )
   )
  )
  (local.set $7
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 10432)
    )
   )
  )
  (local.set $8
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 18760)
    )
   )
  )
  (local.set $9
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 19784)
    )
   )
  )
  (block $done0
   (local.set $3
    (i32.mul
     (local.get $0)
     (i32.const 256)
    )
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
    (local.set $4
     (f32.const 0)
    )
    (local.set $4
     (f32.add
      (local.get $4)
      (f32.mul
       (f32.load
        (i32.add
         (local.get $5)
         (i32.mul
          (local.get $2)
          (i32.const 4)
         )
        )
       )
       (f32.load
        (i32.add
         (local.get $6)
         (i32.mul
          (local.get $2)
          (i32.const 4)
         )
        )
       )
      )
     )
    )
    (local.set $4
     (f32.add
      (local.get $4)
      (f32.mul
       (f32.load
        (i32.add
         (local.get $7)
         (i32.mul
          (local.get $2)
          (i32.const 4)
         )
        )
       )
       (f32.load
        (i32.add
         (local.get $8)
         (i32.mul
          (local.get $2)
          (i32.const 4)
         )
        )
       )
      )
     )
    )
    (f32.store
     (i32.add
      (local.get $9)
      (i32.mul
       (local.get $2)
       (i32.const 4)
      )
     )
     (local.get $4)
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
 (func $fwd_12 (param $0 i32) (param $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local.set $2
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 14528)
    )
   )
  )
  (local.set $3
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 15552)
    )
   )
  )
  (call $f32_dense
   (i32.const 1085824)
   (i32.const 1096064)
   (local.get $2)
   (local.get $3)
   (local.get $0)
   (i32.const 256)
   (i32.const 10)
   (i32.const 0)
  )
 )
 (func $tan_12 (param $0 i32) (param $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 f32)
  (local $7 i32)
  (local $8 i32)
  (local.set $7
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 19784)
    )
   )
  )
  (local.set $8
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 20808)
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
      (local.set $6
       (f32.const 0)
      )
      (local.set $6
       (call $f32_dot_acc
        (local.get $6)
        (i32.add
         (i32.const 1085824)
         (i32.mul
          (local.get $4)
          (i32.const 1024)
         )
        )
        (i32.add
         (local.get $7)
         (i32.mul
          (local.get $2)
          (i32.const 1024)
         )
        )
        (i32.const 256)
       )
      )
      (f32.store
       (i32.add
        (local.get $8)
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
       (local.get $6)
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
 (func $fwd_15 (param $0 i32) (param $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local.set $6
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 15552)
    )
   )
  )
  (local.set $7
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 15680)
    )
   )
  )
  (local.set $8
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 15672)
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
 (func $tan_15 (param $0 i32) (param $1 i32)
  (local $2 f64)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local $9 i32)
  (local $10 i32)
  (local $11 i32)
  (local $12 i32)
  (local.set $7
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 15552)
    )
   )
  )
  (local.set $8
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 15672)
    )
   )
  )
  (local.set $11
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 20808)
    )
   )
  )
  (local.set $12
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 20848)
    )
   )
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
    (block $done2
     (local.set $6
      (i32.const 10)
     )
     (local.set $5
      (i32.const 0)
     )
     (br_if $done2
      (i32.ge_s
       (local.get $5)
       (local.get $6)
      )
     )
     (loop $next3
      (f64.store
       (i32.add
        (i32.const 0)
        (i32.mul
         (local.get $5)
         (i32.const 8)
        )
       )
       (f64.promote_f32
        (f32.load
         (i32.add
          (local.get $7)
          (i32.mul
           (i32.add
            (i32.mul
             (local.get $3)
             (i32.const 10)
            )
            (local.get $5)
           )
           (i32.const 4)
          )
         )
        )
       )
      )
      (local.set $5
       (i32.add
        (local.get $5)
        (i32.const 1)
       )
      )
      (br_if $next3
       (i32.lt_s
        (local.get $5)
        (local.get $6)
       )
      )
     )
    )
    (call $f64_softmax_row
     (i32.const 0)
     (i32.const 80)
     (i32.const 10)
    )
    (local.set $2
     (f64.const 0)
    )
    (block $done4
     (local.set $10
      (i32.const 10)
     )
     (local.set $9
      (i32.const 0)
     )
     (br_if $done4
      (i32.ge_s
       (local.get $9)
       (local.get $10)
      )
     )
     (loop $next5
      (local.set $2
       (f64.add
        (local.get $2)
        (f64.mul
         (f64.sub
          (f64.load
           (i32.add
            (i32.const 80)
            (i32.mul
             (local.get $9)
             (i32.const 8)
            )
           )
          )
          (select
           (f64.const 1)
           (f64.const 0)
           (i32.eq
            (local.get $9)
            (i32.load
             (i32.add
              (local.get $8)
              (i32.mul
               (local.get $3)
               (i32.const 4)
              )
             )
            )
           )
          )
         )
         (f64.promote_f32
          (f32.load
           (i32.add
            (local.get $11)
            (i32.mul
             (i32.add
              (i32.mul
               (local.get $3)
               (i32.const 10)
              )
              (local.get $9)
             )
             (i32.const 4)
            )
           )
          )
         )
        )
       )
      )
      (local.set $9
       (i32.add
        (local.get $9)
        (i32.const 1)
       )
      )
      (br_if $next5
       (i32.lt_s
        (local.get $9)
        (local.get $10)
       )
      )
     )
    )
    (f32.store
     (i32.add
      (local.get $12)
      (i32.mul
       (local.get $3)
       (i32.const 4)
      )
     )
     (f32.demote_f64
      (local.get $2)
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
 (func $fwd_16 (param $0 i32) (param $1 i32)
  (local $2 f32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local.set $5
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 15680)
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
   (i32.const 8038848)
   (f32.div
    (local.get $2)
    (f32.convert_i32_u
     (local.get $0)
    )
   )
  )
 )
 (func $tan_16 (param $0 i32) (param $1 i32)
  (local $2 f32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local.set $5
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 20848)
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
   (i32.const 8038864)
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
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 0)
    )
   )
  )
  (local.set $3
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 6272)
    )
   )
  )
  (local.set $4
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 15552)
    )
   )
  )
  (local.set $5
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 15592)
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
  (call $skip_8
   (local.get $0)
   (local.get $1)
  )
  (call $fwd_9
   (local.get $0)
   (local.get $1)
  )
  (call $fwd_12
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
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 0)
    )
   )
  )
  (local.set $4
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 6272)
    )
   )
  )
  (local.set $5
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 15552)
    )
   )
  )
  (local.set $6
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 15592)
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
  (call $fwd_8
   (local.get $0)
   (local.get $1)
  )
  (call $fwd_9
   (local.get $0)
   (local.get $1)
  )
  (call $fwd_12
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
    (call $fwd_15
     (local.get $0)
     (local.get $1)
    )
    (call $fwd_16
     (local.get $0)
     (local.get $1)
    )
    (call $f32v_to_f64
     (i32.const 8038848)
     (i32.const 8038832)
     (i32.const 1)
    )
   )
  )
 )
 (func $jvp_begin (param $0 i32) (param $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local.set $2
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 20856)
    )
   )
  )
  (local.set $5
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 12480)
    )
   )
  )
  (call $forward
   (local.get $0)
   (local.get $1)
   (i32.const 1)
  )
  (memory.fill
   (local.get $2)
   (i32.const 0)
   (i32.mul
    (local.get $0)
    (i32.const 256)
   )
  )
  (block $done0
   (local.set $4
    (i32.mul
     (local.get $0)
     (i32.const 256)
    )
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
    (if
     (f32.eq
      (f32.load
       (i32.add
        (local.get $5)
        (i32.mul
         (local.get $3)
         (i32.const 4)
        )
       )
      )
      (f32.const 0)
     )
     (then
      (i32.store8
       (i32.add
        (local.get $2)
        (local.get $3)
       )
       (i32.const 1)
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
  (memory.fill
   (i32.const 3504560)
   (i32.const 0)
   (i32.const 1605632)
  )
  (memory.fill
   (i32.const 5113264)
   (i32.const 0)
   (i32.const 2048)
  )
  (memory.fill
   (i32.const 5901744)
   (i32.const 0)
   (i32.const 524288)
  )
  (memory.fill
   (i32.const 6429104)
   (i32.const 0)
   (i32.const 2048)
  )
 )
 (func $jvp_dir (param $0 i32) (param $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 f64)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local $9 i32)
  (local $10 i32)
  (local $11 i32)
  (local $12 i32)
  (local $13 i32)
  (local $14 i32)
  (local $15 f64)
  (local $16 i32)
  (local $17 i32)
  (local $18 i32)
  (local $19 i32)
  (local $20 i32)
  (local $21 i32)
  (local $22 i32)
  (local $23 i32)
  (local $24 i32)
  (local $25 f64)
  (local $26 i32)
  (local $27 i32)
  (local $28 i32)
  (local $29 i32)
  (local $30 i32)
  (local $31 i32)
  (local $32 i32)
  (local $33 i32)
  (local $34 i32)
  (local $35 f64)
  (local $36 i32)
  (local $37 i32)
  (local $38 i32)
  (local $39 i32)
  (local $40 i32)
  (local $41 i32)
  (local $42 i32)
  (local $43 i32)
  (local $44 i32)
  (local.set $2
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 20848)
    )
   )
  )
  (local.set $3
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 21112)
    )
   )
  )
  (local.set $10
   (i32.add
    (i32.const 8038912)
    (i32.mul
     (local.get $0)
     (i32.const 20856)
    )
   )
  )
  (call $f32v_from_f64
   (i32.const 1898928)
   (i32.const 1096112)
   (i32.const 200704)
  )
  (call $f32v_from_f64
   (i32.const 5111216)
   (i32.const 5110192)
   (i32.const 256)
  )
  (call $f32v_from_f64
   (i32.const 5377456)
   (i32.const 5115312)
   (i32.const 65536)
  )
  (call $f32v_from_f64
   (i32.const 6427056)
   (i32.const 6426032)
   (i32.const 256)
  )
  (call $tan_3
   (local.get $0)
   (local.get $1)
  )
  (call $tan_4
   (local.get $0)
   (local.get $1)
  )
  (call $tan_7
   (local.get $0)
   (local.get $1)
  )
  (call $tan_8
   (local.get $0)
   (local.get $1)
  )
  (call $tan_9
   (local.get $0)
   (local.get $1)
  )
  (call $tan_12
   (local.get $0)
   (local.get $1)
  )
  (call $tan_15
   (local.get $0)
   (local.get $1)
  )
  (call $tan_16
   (local.get $0)
   (local.get $1)
  )
  (call $f32v_to_f64
   (local.get $2)
   (local.get $3)
   (local.get $0)
  )
  (block
   (block $done0
    (local.set $7
     (i32.const 256)
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
     (local.set $4
      (f64.const 0)
     )
     (block $done2
      (local.set $9
       (local.get $0)
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
       (if
        (i32.load8_u
         (i32.add
          (local.get $10)
          (i32.add
           (i32.mul
            (local.get $8)
            (i32.const 256)
           )
           (local.get $6)
          )
         )
        )
        (then
         (local.set $4
          (f64.add
           (local.get $4)
           (f64.load
            (i32.add
             (local.get $3)
             (i32.mul
              (local.get $8)
              (i32.const 8)
             )
            )
           )
          )
         )
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
     (f64.store
      (i32.add
       (i32.const 6431152)
       (i32.mul
        (local.get $6)
        (i32.const 8)
       )
      )
      (local.get $4)
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
   (block $done4
    (local.set $12
     (i32.const 256)
    )
    (local.set $11
     (i32.const 0)
    )
    (br_if $done4
     (i32.ge_s
      (local.get $11)
      (local.get $12)
     )
    )
    (loop $next5
     (block $done6
      (local.set $14
       (i32.const 784)
      )
      (local.set $13
       (i32.const 0)
      )
      (br_if $done6
       (i32.ge_s
        (local.get $13)
        (local.get $14)
       )
      )
      (loop $next7
       (local.set $5
        (i32.add
         (i32.mul
          (local.get $11)
          (i32.const 784)
         )
         (local.get $13)
        )
       )
       (f64.store
        (i32.add
         (i32.const 3504560)
         (i32.mul
          (local.get $5)
          (i32.const 8)
         )
        )
        (f64.add
         (f64.load
          (i32.add
           (i32.const 3504560)
           (i32.mul
            (local.get $5)
            (i32.const 8)
           )
          )
         )
         (f64.mul
          (f64.load
           (i32.add
            (i32.const 6431152)
            (i32.mul
             (local.get $11)
             (i32.const 8)
            )
           )
          )
          (f64.promote_f32
           (f32.load
            (i32.add
             (i32.const 1096112)
             (i32.mul
              (local.get $5)
              (i32.const 4)
             )
            )
           )
          )
         )
        )
       )
       (local.set $13
        (i32.add
         (local.get $13)
         (i32.const 1)
        )
       )
       (br_if $next7
        (i32.lt_s
         (local.get $13)
         (local.get $14)
        )
       )
      )
     )
     (local.set $11
      (i32.add
       (local.get $11)
       (i32.const 1)
      )
     )
     (br_if $next5
      (i32.lt_s
       (local.get $11)
       (local.get $12)
      )
     )
    )
   )
  )
  (block
   (block $done8
    (local.set $18
     (i32.const 256)
    )
    (local.set $17
     (i32.const 0)
    )
    (br_if $done8
     (i32.ge_s
      (local.get $17)
      (local.get $18)
     )
    )
    (loop $next9
     (local.set $15
      (f64.const 0)
     )
     (block $done10
      (local.set $20
       (local.get $0)
      )
      (local.set $19
       (i32.const 0)
      )
      (br_if $done10
       (i32.ge_s
        (local.get $19)
        (local.get $20)
       )
      )
      (loop $next11
       (if
        (i32.load8_u
         (i32.add
          (local.get $10)
          (i32.add
           (i32.mul
            (local.get $19)
            (i32.const 256)
           )
           (local.get $17)
          )
         )
        )
        (then
         (local.set $15
          (f64.add
           (local.get $15)
           (f64.load
            (i32.add
             (local.get $3)
             (i32.mul
              (local.get $19)
              (i32.const 8)
             )
            )
           )
          )
         )
        )
       )
       (local.set $19
        (i32.add
         (local.get $19)
         (i32.const 1)
        )
       )
       (br_if $next11
        (i32.lt_s
         (local.get $19)
         (local.get $20)
        )
       )
      )
     )
     (f64.store
      (i32.add
       (i32.const 6431152)
       (i32.mul
        (local.get $17)
        (i32.const 8)
       )
      )
      (local.get $15)
     )
     (local.set $17
      (i32.add
       (local.get $17)
       (i32.const 1)
      )
     )
     (br_if $next9
      (i32.lt_s
       (local.get $17)
       (local.get $18)
      )
     )
    )
   )
   (block $done12
    (local.set $22
     (i32.const 256)
    )
    (local.set $21
     (i32.const 0)
    )
    (br_if $done12
     (i32.ge_s
      (local.get $21)
      (local.get $22)
     )
    )
    (loop $next13
     (block $done14
      (local.set $24
       (i32.const 1)
      )
      (local.set $23
       (i32.const 0)
      )
      (br_if $done14
       (i32.ge_s
        (local.get $23)
        (local.get $24)
       )
      )
      (loop $next15
       (local.set $16
        (i32.add
         (i32.mul
          (local.get $21)
          (i32.const 1)
         )
         (local.get $23)
        )
       )
       (f64.store
        (i32.add
         (i32.const 5113264)
         (i32.mul
          (local.get $16)
          (i32.const 8)
         )
        )
        (f64.add
         (f64.load
          (i32.add
           (i32.const 5113264)
           (i32.mul
            (local.get $16)
            (i32.const 8)
           )
          )
         )
         (f64.mul
          (f64.load
           (i32.add
            (i32.const 6431152)
            (i32.mul
             (local.get $21)
             (i32.const 8)
            )
           )
          )
          (f64.promote_f32
           (f32.load
            (i32.add
             (i32.const 5110192)
             (i32.mul
              (local.get $16)
              (i32.const 4)
             )
            )
           )
          )
         )
        )
       )
       (local.set $23
        (i32.add
         (local.get $23)
         (i32.const 1)
        )
       )
       (br_if $next15
        (i32.lt_s
         (local.get $23)
         (local.get $24)
        )
       )
      )
     )
     (local.set $21
      (i32.add
       (local.get $21)
       (i32.const 1)
      )
     )
     (br_if $next13
      (i32.lt_s
       (local.get $21)
       (local.get $22)
      )
     )
    )
   )
  )
  (block
   (block $done16
    (local.set $28
     (i32.const 256)
    )
    (local.set $27
     (i32.const 0)
    )
    (br_if $done16
     (i32.ge_s
      (local.get $27)
      (local.get $28)
     )
    )
    (loop $next17
     (local.set $25
      (f64.const 0)
     )
     (block $done18
      (local.set $30
       (local.get $0)
      )
      (local.set $29
       (i32.const 0)
      )
      (br_if $done18
       (i32.ge_s
        (local.get $29)
        (local.get $30)
       )
      )
      (loop $next19
       (local.set $25
        (f64.add
         (local.get $25)
         (f64.load
          (i32.add
           (local.get $3)
           (i32.mul
            (local.get $29)
            (i32.const 8)
           )
          )
         )
        )
       )
       (local.set $29
        (i32.add
         (local.get $29)
         (i32.const 1)
        )
       )
       (br_if $next19
        (i32.lt_s
         (local.get $29)
         (local.get $30)
        )
       )
      )
     )
     (f64.store
      (i32.add
       (i32.const 6431152)
       (i32.mul
        (local.get $27)
        (i32.const 8)
       )
      )
      (local.get $25)
     )
     (local.set $27
      (i32.add
       (local.get $27)
       (i32.const 1)
      )
     )
     (br_if $next17
      (i32.lt_s
       (local.get $27)
       (local.get $28)
      )
     )
    )
   )
   (block $done20
    (local.set $32
     (i32.const 256)
    )
    (local.set $31
     (i32.const 0)
    )
    (br_if $done20
     (i32.ge_s
      (local.get $31)
      (local.get $32)
     )
    )
    (loop $next21
     (block $done22
      (local.set $34
       (i32.const 256)
      )
      (local.set $33
       (i32.const 0)
      )
      (br_if $done22
       (i32.ge_s
        (local.get $33)
        (local.get $34)
       )
      )
      (loop $next23
       (local.set $26
        (i32.add
         (i32.mul
          (local.get $31)
          (i32.const 256)
         )
         (local.get $33)
        )
       )
       (f64.store
        (i32.add
         (i32.const 5901744)
         (i32.mul
          (local.get $26)
          (i32.const 8)
         )
        )
        (f64.add
         (f64.load
          (i32.add
           (i32.const 5901744)
           (i32.mul
            (local.get $26)
            (i32.const 8)
           )
          )
         )
         (f64.mul
          (f64.load
           (i32.add
            (i32.const 6431152)
            (i32.mul
             (local.get $31)
             (i32.const 8)
            )
           )
          )
          (f64.promote_f32
           (f32.load
            (i32.add
             (i32.const 5115312)
             (i32.mul
              (local.get $26)
              (i32.const 4)
             )
            )
           )
          )
         )
        )
       )
       (local.set $33
        (i32.add
         (local.get $33)
         (i32.const 1)
        )
       )
       (br_if $next23
        (i32.lt_s
         (local.get $33)
         (local.get $34)
        )
       )
      )
     )
     (local.set $31
      (i32.add
       (local.get $31)
       (i32.const 1)
      )
     )
     (br_if $next21
      (i32.lt_s
       (local.get $31)
       (local.get $32)
      )
     )
    )
   )
  )
  (block
   (block $done24
    (local.set $38
     (i32.const 256)
    )
    (local.set $37
     (i32.const 0)
    )
    (br_if $done24
     (i32.ge_s
      (local.get $37)
      (local.get $38)
     )
    )
    (loop $next25
     (local.set $35
      (f64.const 0)
     )
     (block $done26
      (local.set $40
       (local.get $0)
      )
      (local.set $39
       (i32.const 0)
      )
      (br_if $done26
       (i32.ge_s
        (local.get $39)
        (local.get $40)
       )
      )
      (loop $next27
       (local.set $35
        (f64.add
         (local.get $35)
         (f64.load
          (i32.add
           (local.get $3)
           (i32.mul
            (local.get $39)
            (i32.const 8)
           )
          )
         )
        )
       )
       (local.set $39
        (i32.add
         (local.get $39)
         (i32.const 1)
        )
       )
       (br_if $next27
        (i32.lt_s
         (local.get $39)
         (local.get $40)
        )
       )
      )
     )
     (f64.store
      (i32.add
       (i32.const 6431152)
       (i32.mul
        (local.get $37)
        (i32.const 8)
       )
      )
      (local.get $35)
     )
     (local.set $37
      (i32.add
       (local.get $37)
       (i32.const 1)
      )
     )
     (br_if $next25
      (i32.lt_s
       (local.get $37)
       (local.get $38)
      )
     )
    )
   )
   (block $done28
    (local.set $42
     (i32.const 256)
    )
    (local.set $41
     (i32.const 0)
    )
    (br_if $done28
     (i32.ge_s
      (local.get $41)
      (local.get $42)
     )
    )
    (loop $next29
     (block $done30
      (local.set $44
       (i32.const 1)
      )
      (local.set $43
       (i32.const 0)
      )
      (br_if $done30
       (i32.ge_s
        (local.get $43)
        (local.get $44)
       )
      )
      (loop $next31
       (local.set $36
        (i32.add
         (i32.mul
          (local.get $41)
          (i32.const 1)
         )
         (local.get $43)
        )
       )
       (f64.store
        (i32.add
         (i32.const 6429104)
         (i32.mul
          (local.get $36)
          (i32.const 8)
         )
        )
        (f64.add
         (f64.load
          (i32.add
           (i32.const 6429104)
           (i32.mul
            (local.get $36)
            (i32.const 8)
           )
          )
         )
         (f64.mul
          (f64.load
           (i32.add
            (i32.const 6431152)
            (i32.mul
             (local.get $41)
             (i32.const 8)
            )
           )
          )
          (f64.promote_f32
           (f32.load
            (i32.add
             (i32.const 6426032)
             (i32.mul
              (local.get $36)
              (i32.const 4)
             )
            )
           )
          )
         )
        )
       )
       (local.set $43
        (i32.add
         (local.get $43)
         (i32.const 1)
        )
       )
       (br_if $next31
        (i32.lt_s
         (local.get $43)
         (local.get $44)
        )
       )
      )
     )
     (local.set $41
      (i32.add
       (local.get $41)
       (i32.const 1)
      )
     )
     (br_if $next29
      (i32.lt_s
       (local.get $41)
       (local.get $42)
      )
     )
    )
   )
  )
 )
 (func $jvp_end (param $0 i32) (param $1 i32) (param $2 f64)
  (local $3 f64)
  (local $4 f64)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local $9 i32)
  (local $10 i32)
  (local $11 i32)
  (local $12 i32)
  (local.set $3
   (f64.convert_i32_s
    (i32.mul
     (local.get $1)
     (local.get $0)
    )
   )
  )
  (block $done0
   (local.set $6
    (i32.const 200704)
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
    (local.set $4
     (f64.div
      (f64.load
       (i32.add
        (i32.const 3504560)
        (i32.mul
         (local.get $5)
         (i32.const 8)
        )
       )
      )
      (local.get $3)
     )
    )
    (f32.store
     (i32.add
      (i32.const 18816)
      (i32.mul
       (local.get $5)
       (i32.const 4)
      )
     )
     (f32.demote_f64
      (f64.sub
       (f64.promote_f32
        (f32.load
         (i32.add
          (i32.const 18816)
          (i32.mul
           (local.get $5)
           (i32.const 4)
          )
         )
        )
       )
       (f64.mul
        (local.get $2)
        (local.get $4)
       )
      )
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
   (local.set $8
    (i32.const 256)
   )
   (local.set $7
    (i32.const 0)
   )
   (br_if $done2
    (i32.ge_s
     (local.get $7)
     (local.get $8)
    )
   )
   (loop $next3
    (local.set $4
     (f64.div
      (f64.load
       (i32.add
        (i32.const 5113264)
        (i32.mul
         (local.get $7)
         (i32.const 8)
        )
       )
      )
      (local.get $3)
     )
    )
    (f32.store
     (i32.add
      (i32.const 821632)
      (i32.mul
       (local.get $7)
       (i32.const 4)
      )
     )
     (f32.demote_f64
      (f64.sub
       (f64.promote_f32
        (f32.load
         (i32.add
          (i32.const 821632)
          (i32.mul
           (local.get $7)
           (i32.const 4)
          )
         )
        )
       )
       (f64.mul
        (local.get $2)
        (local.get $4)
       )
      )
     )
    )
    (local.set $7
     (i32.add
      (local.get $7)
      (i32.const 1)
     )
    )
    (br_if $next3
     (i32.lt_s
      (local.get $7)
      (local.get $8)
     )
    )
   )
  )
  (block $done4
   (local.set $10
    (i32.const 65536)
   )
   (local.set $9
    (i32.const 0)
   )
   (br_if $done4
    (i32.ge_s
     (local.get $9)
     (local.get $10)
    )
   )
   (loop $next5
    (local.set $4
     (f64.div
      (f64.load
       (i32.add
        (i32.const 5901744)
        (i32.mul
         (local.get $9)
         (i32.const 8)
        )
       )
      )
      (local.get $3)
     )
    )
    (f32.store
     (i32.add
      (i32.const 822656)
      (i32.mul
       (local.get $9)
       (i32.const 4)
      )
     )
     (f32.demote_f64
      (f64.sub
       (f64.promote_f32
        (f32.load
         (i32.add
          (i32.const 822656)
          (i32.mul
           (local.get $9)
           (i32.const 4)
          )
         )
        )
       )
       (f64.mul
        (local.get $2)
        (local.get $4)
       )
      )
     )
    )
    (local.set $9
     (i32.add
      (local.get $9)
      (i32.const 1)
     )
    )
    (br_if $next5
     (i32.lt_s
      (local.get $9)
      (local.get $10)
     )
    )
   )
  )
  (block $done6
   (local.set $12
    (i32.const 256)
   )
   (local.set $11
    (i32.const 0)
   )
   (br_if $done6
    (i32.ge_s
     (local.get $11)
     (local.get $12)
    )
   )
   (loop $next7
    (local.set $4
     (f64.div
      (f64.load
       (i32.add
        (i32.const 6429104)
        (i32.mul
         (local.get $11)
         (i32.const 8)
        )
       )
      )
      (local.get $3)
     )
    )
    (f32.store
     (i32.add
      (i32.const 1084800)
      (i32.mul
       (local.get $11)
       (i32.const 4)
      )
     )
     (f32.demote_f64
      (f64.sub
       (f64.promote_f32
        (f32.load
         (i32.add
          (i32.const 1084800)
          (i32.mul
           (local.get $11)
           (i32.const 4)
          )
         )
        )
       )
       (f64.mul
        (local.get $2)
        (local.get $4)
       )
      )
     )
    )
    (local.set $11
     (i32.add
      (local.get $11)
      (i32.const 1)
     )
    )
    (br_if $next7
     (i32.lt_s
      (local.get $11)
      (local.get $12)
     )
    )
   )
  )
 )
)
