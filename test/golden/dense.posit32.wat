(module
 (type $0 (func (param f64) (result f64)))
 (type $1 (func (param i32 i32)))
 (type $2 (func (param i32 i32 i32)))
 (type $3 (func (param i32 i32 i32 i32)))
 (type $4 (func (param i32) (result i32)))
 (type $5 (func (param i32 i32 i32) (result i32)))
 (type $6 (func (param i32 i32) (result f64)))
 (type $7 (func (param i32 i32) (result i32)))
 (type $8 (func (param f64) (result i32)))
 (type $9 (func (param i32) (result f64)))
 (type $10 (func (param i32)))
 (type $11 (func (param f64 f64 f64 f64) (result f64)))
 (type $12 (func (param f64 f64 f64) (result f64)))
 (memory $0 38 65536)
 (export "memory" (memory $0))
 (export "value_from_f64" (func $p32_from_f64_arr))
 (export "value_to_f64" (func $p32_to_f64_arr))
 (export "infer" (func $infer))
 (export "forward" (func $forward))
 (func $p32_mul ;; kernel library, elided (targets/wasm, test/golden/wasm-kernels.wat)
 )
 (func $p32_mul_arr ;; kernel library, elided (targets/wasm, test/golden/wasm-kernels.wat)
 )
 (func $p32_from_f64 ;; kernel library, elided (targets/wasm, test/golden/wasm-kernels.wat)
 )
 (func $p32_from_f64_arr ;; kernel library, elided (targets/wasm, test/golden/wasm-kernels.wat)
 )
 (func $p32_to_f64 ;; kernel library, elided (targets/wasm, test/golden/wasm-kernels.wat)
 )
 (func $p32_to_f64_arr ;; kernel library, elided (targets/wasm, test/golden/wasm-kernels.wat)
 )
 (func $q32_clear ;; kernel library, elided (targets/wasm, test/golden/wasm-kernels.wat)
 )
 (func $q32_is_nar ;; kernel library, elided (targets/wasm, test/golden/wasm-kernels.wat)
 )
 (func $q32_fma ;; kernel library, elided (targets/wasm, test/golden/wasm-kernels.wat)
 )
 (func $q32_fms ;; kernel library, elided (targets/wasm, test/golden/wasm-kernels.wat)
 )
 (func $q32_add ;; kernel library, elided (targets/wasm, test/golden/wasm-kernels.wat)
 )
 (func $q32_sub ;; kernel library, elided (targets/wasm, test/golden/wasm-kernels.wat)
 )
 (func $q32_to ;; kernel library, elided (targets/wasm, test/golden/wasm-kernels.wat)
 )
 (func $q32_fma_arr ;; kernel library, elided (targets/wasm, test/golden/wasm-kernels.wat)
 )
 (func $q32_dot ;; kernel library, elided (targets/wasm, test/golden/wasm-kernels.wat)
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
 (func $q32_quotient (param $0 i32) (param $1 i32) (param $2 i32) (result i32)
  (local $3 i64)
  (local $4 i64)
  (local $5 i64)
  (local $6 i64)
  (local $7 i64)
  (local $8 i64)
  (local $9 i64)
  (local $10 i64)
  (local $11 i64)
  (local $12 i64)
  (local $13 i64)
  (local $14 i64)
  (local $15 i32)
  (local $16 i32)
  (local $17 i32)
  (local $18 i32)
  (local $19 i32)
  (local $20 i64)
  (local $21 i64)
  (local $22 i32)
  (local $23 i32)
  (local $24 i64)
  (local $25 i64)
  (local $26 i64)
  (local $27 i64)
  (local $28 i64)
  (local $29 i64)
  (local $30 i32)
  (if
   (call $q32_is_nar
    (local.get $0)
   )
   (then
    (return
     (i32.const -2147483648)
    )
   )
  )
  (local.set $3
   (i64.shr_s
    (i64.load offset=56
     (local.get $0)
    )
    (i64.const 63)
   )
  )
  (local.set $4
   (i64.and
    (local.get $3)
    (i64.const 1)
   )
  )
  (block $done2
   (local.set $17
    (i32.const 8)
   )
   (local.set $16
    (i32.const 0)
   )
   (br_if $done2
    (i32.ge_s
     (local.get $16)
     (local.get $17)
    )
   )
   (loop $next3
    (local.set $5
     (i64.add
      (i64.xor
       (i64.load
        (i32.add
         (local.get $0)
         (i32.shl
          (local.get $16)
          (i32.const 3)
         )
        )
       )
       (local.get $3)
      )
      (local.get $4)
     )
    )
    (local.set $4
     (i64.and
      (local.get $4)
      (i64.extend_i32_u
       (i64.eqz
        (local.get $5)
       )
      )
     )
    )
    (i64.store
     (i32.add
      (local.get $1)
      (i32.shl
       (local.get $16)
       (i32.const 3)
      )
     )
     (local.get $5)
    )
    (local.set $16
     (i32.add
      (local.get $16)
      (i32.const 1)
     )
    )
    (br_if $next3
     (i32.lt_s
      (local.get $16)
      (local.get $17)
     )
    )
   )
  )
  (local.set $15
   (i32.const 7)
  )
  (block $found0
   (loop $scan1
    (br_if $found0
     (i64.ne
      (i64.load
       (i32.add
        (local.get $1)
        (i32.shl
         (local.get $15)
         (i32.const 3)
        )
       )
      )
      (i64.const 0)
     )
    )
    (if
     (i32.eqz
      (local.get $15)
     )
     (then
      (return
       (i32.const 0)
      )
     )
    )
    (local.set $15
     (i32.sub
      (local.get $15)
      (i32.const 1)
     )
    )
    (br $scan1)
   )
  )
  (local.set $6
   (i64.load
    (i32.add
     (local.get $1)
     (i32.shl
      (local.get $15)
      (i32.const 3)
     )
    )
   )
  )
  (local.set $7
   (select
    (i64.load
     (i32.add
      (local.get $1)
      (i32.shl
       (i32.sub
        (local.get $15)
        (i32.const 1)
       )
       (i32.const 3)
      )
     )
    )
    (i64.const 0)
    (local.get $15)
   )
  )
  (local.set $8
   (i64.const 0)
  )
  (block $done4
   (local.set $19
    (i32.sub
     (local.get $15)
     (i32.const 1)
    )
   )
   (local.set $18
    (i32.const 0)
   )
   (br_if $done4
    (i32.ge_s
     (local.get $18)
     (local.get $19)
    )
   )
   (loop $next5
    (local.set $8
     (i64.or
      (local.get $8)
      (i64.load
       (i32.add
        (local.get $1)
        (i32.shl
         (local.get $18)
         (i32.const 3)
        )
       )
      )
     )
    )
    (local.set $18
     (i32.add
      (local.get $18)
      (i32.const 1)
     )
    )
    (br_if $next5
     (i32.lt_s
      (local.get $18)
      (local.get $19)
     )
    )
   )
  )
  (local.set $9
   (i64.clz
    (local.get $6)
   )
  )
  (local.set $10
   (i64.or
    (i64.shl
     (local.get $6)
     (local.get $9)
    )
    (i64.shr_u
     (i64.shr_u
      (local.get $7)
      (i64.const 1)
     )
     (i64.sub
      (i64.const 63)
      (local.get $9)
     )
    )
   )
  )
  (local.set $11
   (i64.shr_u
    (local.get $10)
    (i64.const 1)
   )
  )
  (local.set $12
   (i64.div_u
    (local.get $11)
    (i64.extend_i32_u
     (local.get $2)
    )
   )
  )
  (local.set $13
   (i64.rem_u
    (local.get $11)
    (i64.extend_i32_u
     (local.get $2)
    )
   )
  )
  (local.set $14
   (i64.clz
    (local.get $12)
   )
  )
  (block $pack6
   (local.set $20
    (i64.add
     (i64.sub
      (i64.sub
       (i64.shl
        (i64.extend_i32_u
         (local.get $15)
        )
        (i64.const 6)
       )
       (local.get $9)
      )
      (local.get $14)
     )
     (i64.const -176)
    )
   )
   (local.set $21
    (i64.shl
     (local.get $12)
     (i64.add
      (local.get $14)
      (i64.const 1)
     )
    )
   )
   (local.set $22
    (i32.wrap_i64
     (local.get $3)
    )
   )
   (if
    (i64.gt_u
     (i64.sub
      (local.get $20)
      (i64.const -120)
     )
     (i64.const 240)
    )
    (then
     (local.set $23
      (i32.sub
       (i32.xor
        (select
         (i32.const 2147483647)
         (i32.const 1)
         (i64.gt_s
          (local.get $20)
          (i64.const 0)
         )
        )
        (local.get $22)
       )
       (local.get $22)
      )
     )
     (br $pack6)
    )
   )
   (local.set $24
    (i64.shr_s
     (local.get $20)
     (i64.const 2)
    )
   )
   (local.set $25
    (i64.shr_s
     (local.get $24)
     (i64.const 63)
    )
   )
   (local.set $26
    (i64.xor
     (local.get $24)
     (local.get $25)
    )
   )
   (local.set $27
    (i64.shr_u
     (i64.shl
      (local.get $20)
      (i64.const 62)
     )
     (i64.const 2)
    )
   )
   (local.set $28
    (i64.or
     (i64.or
      (i64.xor
       (i64.shl
        (local.get $25)
        (i64.const 62)
       )
       (i64.const -9223372036854775808)
      )
      (local.get $27)
     )
     (i64.shr_u
      (local.get $21)
      (i64.const 4)
     )
    )
   )
   (local.set $29
    (i64.shr_s
     (local.get $28)
     (local.get $26)
    )
   )
   (local.set $30
    (i32.wrap_i64
     (i64.shr_u
      (local.get $29)
      (i64.const 33)
     )
    )
   )
   (local.set $30
    (i32.add
     (local.get $30)
     (i32.and
      (i32.wrap_i64
       (i64.shr_u
        (local.get $29)
        (i64.const 32)
       )
      )
      (i32.and
       (i32.or
        (i32.or
         (i64.lt_u
          (i64.ctz
           (local.get $28)
          )
          (i64.add
           (local.get $26)
           (i64.const 32)
          )
         )
         (i32.or
          (i32.or
           (i32.or
            (i64.ne
             (local.get $13)
             (i64.const 0)
            )
            (i32.wrap_i64
             (i64.and
              (local.get $10)
              (i64.const 1)
             )
            )
           )
           (i32.or
            (i64.ne
             (i64.shl
              (local.get $7)
              (local.get $9)
             )
             (i64.const 0)
            )
            (i64.ne
             (local.get $8)
             (i64.const 0)
            )
           )
          )
          (i64.ne
           (i64.shl
            (local.get $21)
            (i64.const 60)
           )
           (i64.const 0)
          )
         )
        )
        (local.get $30)
       )
       (i32.const 1)
      )
     )
    )
   )
   (local.set $23
    (i32.sub
     (i32.xor
      (local.get $30)
      (local.get $22)
     )
     (local.get $22)
    )
   )
  )
  (local.get $23)
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
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local.set $6
   (i32.add
    (i32.const 2438848)
    (i32.mul
     (local.get $0)
     (i32.const 6272)
    )
   )
  )
  (local.set $7
   (i32.add
    (i32.const 2438848)
    (i32.mul
     (local.get $0)
     (i32.const 9408)
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
      (call $q32_clear
       (i32.const 64)
      )
      (call $q32_add
       (i32.const 64)
       (i32.load
        (i32.add
         (i32.const 821824)
         (i32.mul
          (local.get $4)
          (i32.const 4)
         )
        )
       )
      )
      (call $q32_fma_arr
       (i32.const 64)
       (i32.add
        (i32.const 19008)
        (i32.mul
         (local.get $4)
         (i32.const 3136)
        )
       )
       (i32.add
        (local.get $6)
        (i32.mul
         (local.get $2)
         (i32.const 3136)
        )
       )
       (i32.const 784)
      )
      (i32.store
       (i32.add
        (local.get $7)
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
       (call $q32_to
        (i32.const 64)
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
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local.set $5
   (i32.add
    (i32.const 2438848)
    (i32.mul
     (local.get $0)
     (i32.const 9408)
    )
   )
  )
  (local.set $6
   (i32.add
    (i32.const 2438848)
    (i32.mul
     (local.get $0)
     (i32.const 10432)
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
     (i32.load
      (i32.add
       (local.get $5)
       (i32.mul
        (local.get $3)
        (i32.const 4)
       )
      )
     )
    )
    (i32.store
     (i32.add
      (local.get $6)
      (i32.mul
       (local.get $3)
       (i32.const 4)
      )
     )
     (select
      (local.get $2)
      (i32.const 0)
      (i32.or
       (i32.and
        (i32.ne
         (local.get $2)
         (i32.const 0)
        )
        (i32.lt_u
         (local.get $2)
         (i32.const -2147483648)
        )
       )
       (i32.eq
        (local.get $2)
        (i32.const -2147483648)
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
 (func $fwd_7 (param $0 i32) (param $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local.set $6
   (i32.add
    (i32.const 2438848)
    (i32.mul
     (local.get $0)
     (i32.const 10432)
    )
   )
  )
  (local.set $7
   (i32.add
    (i32.const 2438848)
    (i32.mul
     (local.get $0)
     (i32.const 11456)
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
      (call $q32_clear
       (i32.const 64)
      )
      (call $q32_add
       (i32.const 64)
       (i32.load
        (i32.add
         (i32.const 833088)
         (i32.mul
          (local.get $4)
          (i32.const 4)
         )
        )
       )
      )
      (call $q32_fma_arr
       (i32.const 64)
       (i32.add
        (i32.const 822848)
        (i32.mul
         (local.get $4)
         (i32.const 1024)
        )
       )
       (i32.add
        (local.get $6)
        (i32.mul
         (local.get $2)
         (i32.const 1024)
        )
       )
       (i32.const 256)
      )
      (i32.store
       (i32.add
        (local.get $7)
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
       (call $q32_to
        (i32.const 64)
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
 (func $fwd_10 (param $0 i32) (param $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local $9 f64)
  (local.set $6
   (i32.add
    (i32.const 2438848)
    (i32.mul
     (local.get $0)
     (i32.const 11456)
    )
   )
  )
  (local.set $7
   (i32.add
    (i32.const 2438848)
    (i32.mul
     (local.get $0)
     (i32.const 11584)
    )
   )
  )
  (local.set $8
   (i32.add
    (i32.const 2438848)
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
        (i32.const 192)
        (i32.mul
         (local.get $4)
         (i32.const 8)
        )
       )
       (call $p32_to_f64
        (i32.load
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
    (i32.store
     (i32.add
      (local.get $7)
      (i32.mul
       (local.get $2)
       (i32.const 4)
      )
     )
     (block (result i32)
      (local.set $9
       (f64.sub
        (call $f64_log_sum_exp
         (i32.const 192)
         (i32.const 10)
        )
        (f64.load
         (i32.add
          (i32.const 192)
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
      (if (result i32)
       (f64.eq
        (local.get $9)
        (f64.const inf)
       )
       (then
        (i32.const 2147483647)
       )
       (else
        (if (result i32)
         (f64.eq
          (local.get $9)
          (f64.const -inf)
         )
         (then
          (i32.sub
           (i32.const 0)
           (i32.const 2147483647)
          )
         )
         (else
          (call $p32_from_f64
           (local.get $9)
          )
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
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local.set $4
   (i32.add
    (i32.const 2438848)
    (i32.mul
     (local.get $0)
     (i32.const 11584)
    )
   )
  )
  (call $q32_clear
   (i32.const 64)
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
    (call $q32_add
     (i32.const 64)
     (i32.load
      (i32.add
       (local.get $4)
       (i32.mul
        (local.get $2)
        (i32.const 4)
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
  (i32.store
   (i32.const 2438800)
   (call $q32_quotient
    (i32.const 64)
    (i32.const 128)
    (local.get $0)
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
    (i32.const 2438848)
    (i32.mul
     (local.get $0)
     (i32.const 0)
    )
   )
  )
  (local.set $3
   (i32.add
    (i32.const 2438848)
    (i32.mul
     (local.get $0)
     (i32.const 6272)
    )
   )
  )
  (local.set $4
   (i32.add
    (i32.const 2438848)
    (i32.mul
     (local.get $0)
     (i32.const 11456)
    )
   )
  )
  (local.set $5
   (i32.add
    (i32.const 2438848)
    (i32.mul
     (local.get $0)
     (i32.const 11496)
    )
   )
  )
  (call $p32_from_f64_arr
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
  (call $p32_to_f64_arr
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
    (i32.const 2438848)
    (i32.mul
     (local.get $0)
     (i32.const 0)
    )
   )
  )
  (local.set $4
   (i32.add
    (i32.const 2438848)
    (i32.mul
     (local.get $0)
     (i32.const 6272)
    )
   )
  )
  (local.set $5
   (i32.add
    (i32.const 2438848)
    (i32.mul
     (local.get $0)
     (i32.const 11456)
    )
   )
  )
  (local.set $6
   (i32.add
    (i32.const 2438848)
    (i32.mul
     (local.get $0)
     (i32.const 11496)
    )
   )
  )
  (call $p32_from_f64_arr
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
  (call $p32_to_f64_arr
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
    (call $p32_to_f64_arr
     (i32.const 2438800)
     (i32.const 2438784)
     (i32.const 1)
    )
   )
  )
 )
)
