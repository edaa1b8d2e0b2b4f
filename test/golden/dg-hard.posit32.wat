(module
 (type $0 (func (param i32 i32)))
 (type $1 (func (param f64) (result f64)))
 (type $2 (func (param i32 i32 i32)))
 (type $3 (func (param i32 i32 i32 i32)))
 (type $4 (func (param i32) (result i32)))
 (type $5 (func (param i32 i32 i32) (result i32)))
 (type $6 (func (param i32 i32) (result f64)))
 (type $7 (func (param i32 i32) (result i32)))
 (type $8 (func (param f64) (result i32)))
 (type $9 (func (param i32) (result f64)))
 (type $10 (func (param i32)))
 (type $11 (func (param i32 i32 i32 i32 i32)))
 (type $12 (func (param f64 f64 f64 f64) (result f64)))
 (type $13 (func (param f64 f64 f64) (result f64)))
 (type $14 (func (param i32 i32 f64)))
 (memory $0 123 65536)
 (export "memory" (memory $0))
 (export "value_from_f64" (func $p32_from_f64_arr))
 (export "value_to_f64" (func $p32_to_f64_arr))
 (export "infer" (func $infer))
 (export "forward" (func $forward))
 (export "jvp_begin" (func $jvp_begin))
 (export "jvp_dir" (func $jvp_dir))
 (export "jvp_end" (func $jvp_end))
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
 (func $q32_fma_gather (param $0 i32) (param $1 i32) (param $2 i32) (param $3 i32) (param $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local $9 i64)
  (local $10 i32)
  (local $11 i32)
  (local $12 i64)
  (local $13 i64)
  (local $14 i64)
  (local $15 i64)
  (local $16 i64)
  (local $17 i64)
  (local $18 i64)
  (local $19 i32)
  (local $20 i32)
  (local $21 i64)
  (local $22 i64)
  (local $23 i64)
  (local $24 i64)
  (local $25 i64)
  (local $26 i64)
  (local $27 i64)
  (local $28 i64)
  (local $29 i64)
  (local $30 i32)
  (local $31 i64)
  (local $32 i32)
  (local $33 i64)
  (local $34 i64)
  (local $35 i64)
  (local $36 i64)
  (local $37 i32)
  (local $38 i64)
  (local $39 i64)
  (local $40 i64)
  (local $41 i32)
  (local $42 i64)
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
    (local.set $7
     (i32.load
      (i32.add
       (local.get $1)
       (i32.mul
        (i32.load
         (i32.add
          (local.get $2)
          (i32.shl
           (local.get $5)
           (i32.const 2)
          )
         )
        )
        (i32.const 4)
       )
      )
     )
    )
    (local.set $8
     (i32.load
      (i32.add
       (local.get $3)
       (i32.mul
        (local.get $5)
        (i32.const 4)
       )
      )
     )
    )
    (block $acc2
     (local.set $9
      (i64.load offset=56
       (local.get $0)
      )
     )
     (if
      (i64.eq
       (local.get $9)
       (i64.const -9223372036854775808)
      )
      (then
       (if
        (call $q32_is_nar
         (local.get $0)
        )
        (then
         (br $acc2)
        )
       )
      )
     )
     (if
      (i32.or
       (i32.eqz
        (i32.shl
         (local.get $7)
         (i32.const 1)
        )
       )
       (i32.eqz
        (i32.shl
         (local.get $8)
         (i32.const 1)
        )
       )
      )
      (then
       (if
        (i32.or
         (i32.eq
          (local.get $7)
          (i32.const -2147483648)
         )
         (i32.eq
          (local.get $8)
          (i32.const -2147483648)
         )
        )
        (then
         (memory.fill
          (local.get $0)
          (i32.const 0)
          (i32.const 56)
         )
         (i64.store offset=56
          (local.get $0)
          (i64.const -9223372036854775808)
         )
        )
       )
       (br $acc2)
      )
     )
     (local.set $10
      (local.get $7)
     )
     (local.set $11
      (i32.shr_s
       (local.get $10)
       (i32.const 31)
      )
     )
     (local.set $12
      (i64.shl
       (i64.extend_i32_u
        (i32.sub
         (i32.xor
          (local.get $10)
          (local.get $11)
         )
         (local.get $11)
        )
       )
       (i64.const 32)
      )
     )
     (local.set $13
      (i64.shl
       (local.get $12)
       (i64.const 1)
      )
     )
     (local.set $14
      (i64.shr_s
       (local.get $13)
       (i64.const 63)
      )
     )
     (local.set $15
      (i64.clz
       (i64.xor
        (local.get $13)
        (local.get $14)
       )
      )
     )
     (local.set $16
      (i64.shl
       (local.get $13)
       (i64.add
        (local.get $15)
        (i64.const 1)
       )
      )
     )
     (local.set $17
      (i64.add
       (i64.shl
        (i64.xor
         (local.get $14)
         (i64.sub
          (i64.const 0)
          (local.get $15)
         )
        )
        (i64.const 2)
       )
       (i64.shr_u
        (local.get $16)
        (i64.const 62)
       )
      )
     )
     (local.set $18
      (i64.or
       (i64.shr_u
        (i64.shl
         (local.get $16)
         (i64.const 2)
        )
        (i64.const 37)
       )
       (i64.const 134217728)
      )
     )
     (local.set $19
      (local.get $8)
     )
     (local.set $20
      (i32.shr_s
       (local.get $19)
       (i32.const 31)
      )
     )
     (local.set $21
      (i64.shl
       (i64.extend_i32_u
        (i32.sub
         (i32.xor
          (local.get $19)
          (local.get $20)
         )
         (local.get $20)
        )
       )
       (i64.const 32)
      )
     )
     (local.set $22
      (i64.shl
       (local.get $21)
       (i64.const 1)
      )
     )
     (local.set $23
      (i64.shr_s
       (local.get $22)
       (i64.const 63)
      )
     )
     (local.set $24
      (i64.clz
       (i64.xor
        (local.get $22)
        (local.get $23)
       )
      )
     )
     (local.set $25
      (i64.shl
       (local.get $22)
       (i64.add
        (local.get $24)
        (i64.const 1)
       )
      )
     )
     (local.set $26
      (i64.add
       (i64.shl
        (i64.xor
         (local.get $23)
         (i64.sub
          (i64.const 0)
          (local.get $24)
         )
        )
        (i64.const 2)
       )
       (i64.shr_u
        (local.get $25)
        (i64.const 62)
       )
      )
     )
     (local.set $27
      (i64.or
       (i64.shr_u
        (i64.shl
         (local.get $25)
         (i64.const 2)
        )
        (i64.const 37)
       )
       (i64.const 134217728)
      )
     )
     (local.set $28
      (i64.mul
       (local.get $18)
       (local.get $27)
      )
     )
     (local.set $29
      (i64.add
       (i64.add
        (local.get $17)
        (local.get $26)
       )
       (i64.const 186)
      )
     )
     (local.set $30
      (i32.and
       (i32.shr_s
        (i32.shl
         (i32.xor
          (local.get $7)
          (local.get $8)
         )
         (i32.const 0)
        )
        (i32.const 31)
       )
       (i32.const 1)
      )
     )
     (local.set $28
      (i64.shr_u
       (local.get $28)
       (i64.and
        (i64.sub
         (i64.const 0)
         (local.get $29)
        )
        (i64.shr_s
         (local.get $29)
         (i64.const 63)
        )
       )
      )
     )
     (local.set $29
      (i64.and
       (local.get $29)
       (i64.xor
        (i64.shr_s
         (local.get $29)
         (i64.const 63)
        )
        (i64.const -1)
       )
      )
     )
     (local.set $31
      (i64.and
       (local.get $29)
       (i64.const 63)
      )
     )
     (local.set $32
      (i32.add
       (local.get $0)
       (i32.wrap_i64
        (i64.shl
         (i64.shr_u
          (local.get $29)
          (i64.const 6)
         )
         (i64.const 3)
        )
       )
      )
     )
     (local.set $33
      (i64.shl
       (local.get $28)
       (local.get $31)
      )
     )
     (local.set $34
      (i64.shr_u
       (i64.shr_u
        (local.get $28)
        (i64.const 1)
       )
       (i64.sub
        (i64.const 63)
        (local.get $31)
       )
      )
     )
     (if
      (local.get $30)
      (then
       (local.set $35
        (i64.load
         (local.get $32)
        )
       )
       (i64.store
        (local.get $32)
        (i64.sub
         (local.get $35)
         (local.get $33)
        )
       )
       (local.set $36
        (i64.add
         (local.get $34)
         (i64.extend_i32_u
          (i64.lt_u
           (local.get $35)
           (local.get $33)
          )
         )
        )
       )
       (local.set $35
        (i64.load offset=8
         (local.get $32)
        )
       )
       (i64.store offset=8
        (local.get $32)
        (i64.sub
         (local.get $35)
         (local.get $36)
        )
       )
       (if
        (i64.lt_u
         (local.get $35)
         (local.get $36)
        )
        (then
         (block $ripple3
          (local.set $37
           (i32.add
            (local.get $32)
            (i32.const 16)
           )
          )
          (loop $rippleLoop4
           (br_if $ripple3
            (i32.ge_u
             (local.get $37)
             (i32.add
              (local.get $0)
              (i32.const 64)
             )
            )
           )
           (local.set $38
            (i64.add
             (i64.load
              (local.get $37)
             )
             (i64.const -1)
            )
           )
           (i64.store
            (local.get $37)
            (local.get $38)
           )
           (br_if $ripple3
            (i64.ne
             (local.get $38)
             (i64.const -1)
            )
           )
           (local.set $37
            (i32.add
             (local.get $37)
             (i32.const 8)
            )
           )
           (br $rippleLoop4)
          )
         )
        )
       )
      )
      (else
       (local.set $39
        (i64.add
         (i64.load
          (local.get $32)
         )
         (local.get $33)
        )
       )
       (i64.store
        (local.get $32)
        (local.get $39)
       )
       (local.set $40
        (i64.extend_i32_u
         (i64.lt_u
          (local.get $39)
          (local.get $33)
         )
        )
       )
       (local.set $40
        (i64.add
         (local.get $34)
         (local.get $40)
        )
       )
       (local.set $39
        (i64.add
         (i64.load offset=8
          (local.get $32)
         )
         (local.get $40)
        )
       )
       (i64.store offset=8
        (local.get $32)
        (local.get $39)
       )
       (if
        (i64.lt_u
         (local.get $39)
         (local.get $40)
        )
        (then
         (block $ripple5
          (local.set $41
           (i32.add
            (local.get $32)
            (i32.const 16)
           )
          )
          (loop $rippleLoop6
           (br_if $ripple5
            (i32.ge_u
             (local.get $41)
             (i32.add
              (local.get $0)
              (i32.const 64)
             )
            )
           )
           (local.set $42
            (i64.add
             (i64.load
              (local.get $41)
             )
             (i64.const 1)
            )
           )
           (i64.store
            (local.get $41)
            (local.get $42)
           )
           (br_if $ripple5
            (i64.ne
             (local.get $42)
             (i64.const 0)
            )
           )
           (local.set $41
            (i32.add
             (local.get $41)
             (i32.const 8)
            )
           )
           (br $rippleLoop6)
          )
         )
        )
       )
      )
     )
     (if
      (i64.lt_s
       (i64.and
        (i64.xor
         (local.get $9)
         (i64.load offset=56
          (local.get $0)
         )
        )
        (i64.xor
         (local.get $9)
         (i64.xor
          (i64.extend_i32_s
           (i32.sub
            (i32.const 0)
            (local.get $30)
           )
          )
          (i64.const -1)
         )
        )
       )
       (i64.const 0)
      )
      (then
       (memory.fill
        (local.get $0)
        (i32.const 0)
        (i32.const 56)
       )
       (i64.store offset=56
        (local.get $0)
        (i64.const -9223372036854775808)
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
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 6272)
    )
   )
  )
  (local.set $7
   (i32.add
    (i32.const 8039104)
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
 (func $tan_3 (param $0 i32) (param $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local.set $6
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 20856)
    )
   )
  )
  (local.set $7
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 6272)
    )
   )
  )
  (local.set $8
   (i32.add
    (i32.const 8039104)
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
      (call $q32_clear
       (i32.const 64)
      )
      (if
       (i32.load8_u
        (i32.add
         (local.get $6)
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
        (call $q32_add
         (i32.const 64)
         (i32.load
          (i32.add
           (i32.const 5110384)
           (i32.mul
            (local.get $4)
            (i32.const 4)
           )
          )
         )
        )
       )
      )
      (if
       (i32.load8_u
        (i32.add
         (local.get $6)
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
        (call $q32_fma_arr
         (i32.const 64)
         (i32.add
          (i32.const 1096304)
          (i32.mul
           (local.get $4)
           (i32.const 3136)
          )
         )
         (i32.add
          (local.get $7)
          (i32.mul
           (local.get $2)
           (i32.const 3136)
          )
         )
         (i32.const 784)
        )
       )
      )
      (i32.store
       (i32.add
        (local.get $8)
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
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 9408)
    )
   )
  )
  (local.set $6
   (i32.add
    (i32.const 8039104)
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
 (func $tan_4 (param $0 i32) (param $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local.set $5
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 15688)
    )
   )
  )
  (local.set $6
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 9408)
    )
   )
  )
  (local.set $7
   (i32.add
    (i32.const 8039104)
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
     (i32.load
      (i32.add
       (local.get $6)
       (i32.mul
        (local.get $3)
        (i32.const 4)
       )
      )
     )
    )
    (i32.store
     (i32.add
      (local.get $7)
      (i32.mul
       (local.get $3)
       (i32.const 4)
      )
     )
     (select
      (i32.load
       (i32.add
        (local.get $5)
        (i32.mul
         (local.get $3)
         (i32.const 4)
        )
       )
      )
      (i32.const 0)
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
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 10432)
    )
   )
  )
  (local.set $7
   (i32.add
    (i32.const 8039104)
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
         (i32.const 1084992)
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
 (func $tan_7 (param $0 i32) (param $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local.set $6
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 16712)
    )
   )
  )
  (local.set $7
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 10432)
    )
   )
  )
  (local.set $8
   (i32.add
    (i32.const 8039104)
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
      (call $q32_clear
       (i32.const 64)
      )
      (call $q32_add
       (i32.const 64)
       (i32.load
        (i32.add
         (i32.const 6426224)
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
      (call $q32_fma_arr
       (i32.const 64)
       (i32.add
        (i32.const 5115504)
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
      (i32.store
       (i32.add
        (local.get $8)
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
 (func $fwd_8 (param $0 i32) (param $1 i32)
  (local $2 f64)
  (local $3 i32)
  (local $4 i32)
  (local $5 f64)
  (local $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local $9 i32)
  (local $10 f64)
  (local $11 i32)
  (local $12 i32)
  (local.set $9
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 11456)
    )
   )
  )
  (local.set $11
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 12480)
    )
   )
  )
  (local.set $12
   (i32.add
    (i32.const 8039104)
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
     (call $p32_to_f64
      (i32.load
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
     (block (result i32)
      (local.set $10
       (call $f64_sigmoid
        (local.get $2)
       )
      )
      (if (result i32)
       (f64.eq
        (local.get $10)
        (f64.const inf)
       )
       (then
        (i32.const 2147483647)
       )
       (else
        (if (result i32)
         (f64.eq
          (local.get $10)
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
           (local.get $10)
          )
         )
        )
       )
      )
     )
    )
    (block
     (local.set $4
      (i32.and
       (i32.and
        (i32.ne
         (local.get $3)
         (i32.const -2147483648)
        )
        (i32.ne
         (i32.const 939524096)
         (i32.const -2147483648)
        )
       )
       (i32.ge_s
        (local.get $3)
        (i32.const 939524096)
       )
      )
     )
     (i32.store
      (i32.add
       (local.get $11)
       (i32.mul
        (local.get $7)
        (i32.const 4)
       )
      )
      (select
       (i32.const 1073741824)
       (i32.const 0)
       (local.get $4)
      )
     )
     (i32.store
      (i32.add
       (local.get $12)
       (i32.mul
        (local.get $7)
        (i32.const 4)
       )
      )
      (select
       (i32.const 1073741824)
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
  (local $7 f64)
  (local $8 f64)
  (local.set $5
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 11456)
    )
   )
  )
  (local.set $6
   (i32.add
    (i32.const 8039104)
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
     (call $p32_to_f64
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
    )
    (i32.store
     (i32.add
      (local.get $6)
      (i32.mul
       (local.get $3)
       (i32.const 4)
      )
     )
     (if (result i32)
      (f64.ge
       (local.get $2)
       (f64.const 1.8189894035442021e-12)
      )
      (then
       (i32.const 1073741824)
      )
      (else
       (if (result i32)
        (f64.le
         (local.get $2)
         (f64.const -7.452399614096504e-09)
        )
        (then
         (i32.const 0)
        )
        (else
         (select
          (i32.const 1073741824)
          (i32.const 0)
          (i32.and
           (i32.and
            (i32.ne
             (block (result i32)
              (local.set $7
               (call $f64_sigmoid
                (local.get $2)
               )
              )
              (if (result i32)
               (f64.eq
                (local.get $7)
                (f64.const inf)
               )
               (then
                (i32.const 2147483647)
               )
               (else
                (if (result i32)
                 (f64.eq
                  (local.get $7)
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
                   (local.get $7)
                  )
                 )
                )
               )
              )
             )
             (i32.const -2147483648)
            )
            (i32.ne
             (i32.const 939524096)
             (i32.const -2147483648)
            )
           )
           (i32.ge_s
            (block (result i32)
             (local.set $8
              (call $f64_sigmoid
               (local.get $2)
              )
             )
             (if (result i32)
              (f64.eq
               (local.get $8)
               (f64.const inf)
              )
              (then
               (i32.const 2147483647)
              )
              (else
               (if (result i32)
                (f64.eq
                 (local.get $8)
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
                  (local.get $8)
                 )
                )
               )
              )
             )
            )
            (i32.const 939524096)
           )
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
  (local $11 f64)
  (local.set $8
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 11456)
    )
   )
  )
  (local.set $9
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 18760)
    )
   )
  )
  (local.set $10
   (i32.add
    (i32.const 8039104)
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
     (call $p32_to_f64
      (i32.load
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
    (i32.store
     (i32.add
      (local.get $9)
      (i32.mul
       (local.get $6)
       (i32.const 4)
      )
     )
     (block (result i32)
      (local.set $11
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
        (call $p32_to_f64
         (i32.load
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
      (if (result i32)
       (f64.eq
        (local.get $11)
        (f64.const inf)
       )
       (then
        (i32.const 2147483647)
       )
       (else
        (if (result i32)
         (f64.eq
          (local.get $11)
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
           (local.get $11)
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
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 14528)
    )
   )
  )
  (local.set $5
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 10432)
    )
   )
  )
  (local.set $6
   (i32.add
    (i32.const 8039104)
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
    (i32.store
     (i32.add
      (local.get $4)
      (i32.mul
       (local.get $2)
       (i32.const 4)
      )
     )
     (call $p32_mul
      (i32.load
       (i32.add
        (local.get $5)
        (i32.mul
         (local.get $2)
         (i32.const 4)
        )
       )
      )
      (i32.load
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
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local.set $4
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 16712)
    )
   )
  )
  (local.set $5
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 13504)
    )
   )
  )
  (local.set $6
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 10432)
    )
   )
  )
  (local.set $7
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 18760)
    )
   )
  )
  (local.set $8
   (i32.add
    (i32.const 8039104)
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
    (call $q32_clear
     (i32.const 64)
    )
    (call $q32_fma
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
     (i32.load
      (i32.add
       (local.get $5)
       (i32.mul
        (local.get $2)
        (i32.const 4)
       )
      )
     )
    )
    (call $q32_fma
     (i32.const 64)
     (i32.load
      (i32.add
       (local.get $6)
       (i32.mul
        (local.get $2)
        (i32.const 4)
       )
      )
     )
     (i32.load
      (i32.add
       (local.get $7)
       (i32.mul
        (local.get $2)
        (i32.const 4)
       )
      )
     )
    )
    (i32.store
     (i32.add
      (local.get $8)
      (i32.mul
       (local.get $2)
       (i32.const 4)
      )
     )
     (call $q32_to
      (i32.const 64)
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
 (func $fwd_12 (param $0 i32) (param $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local.set $6
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 14528)
    )
   )
  )
  (local.set $7
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 15552)
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
         (i32.const 1096256)
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
        (i32.const 1086016)
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
 (func $skip_12 (param $0 i32) (param $1 i32)
  (local $2 i32)
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
  (local $13 i32)
  (local $14 i32)
  (local $15 i32)
  (local $16 i32)
  (local $17 i32)
  (local $18 i32)
  (local $19 i32)
  (local $20 i32)
  (local $21 i32)
  (local $22 i32)
  (local $23 i32)
  (local $24 i32)
  (local $25 i32)
  (local.set $14
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 14528)
    )
   )
  )
  (local.set $25
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 15552)
    )
   )
  )
  (block $done0
   (local.set $11
    (local.get $0)
   )
   (local.set $10
    (i32.const 0)
   )
   (br_if $done0
    (i32.ge_s
     (local.get $10)
     (local.get $11)
    )
   )
   (loop $next1
    (local.set $2
     (i32.const 0)
    )
    (local.set $3
     (local.get $2)
    )
    (block $done2
     (local.set $13
      (i32.const 64)
     )
     (local.set $12
      (i32.const 0)
     )
     (br_if $done2
      (i32.ge_s
       (local.get $12)
       (local.get $13)
      )
     )
     (loop $next3
      (local.set $9
       (i32.load
        (i32.add
         (local.get $14)
         (i32.mul
          (i32.add
           (i32.mul
            (local.get $10)
            (i32.const 256)
           )
           (i32.add
            (i32.const 0)
            (i32.mul
             (local.get $12)
             (i32.const 4)
            )
           )
          )
          (i32.const 4)
         )
        )
       )
      )
      (if
       (i32.eqz
        (i32.eqz
         (local.get $9)
        )
       )
       (then
        (i32.store
         (i32.add
          (i32.const 12736)
          (i32.mul
           (local.get $2)
           (i32.const 4)
          )
         )
         (i32.add
          (i32.const 0)
          (i32.mul
           (local.get $12)
           (i32.const 4)
          )
         )
        )
        (i32.store
         (i32.add
          (i32.const 15872)
          (i32.mul
           (local.get $2)
           (i32.const 4)
          )
         )
         (local.get $9)
        )
        (local.set $2
         (i32.add
          (local.get $2)
          (i32.const 1)
         )
        )
       )
      )
      (local.set $12
       (i32.add
        (local.get $12)
        (i32.const 1)
       )
      )
      (br_if $next3
       (i32.lt_s
        (local.get $12)
        (local.get $13)
       )
      )
     )
    )
    (local.set $4
     (local.get $2)
    )
    (block $done4
     (local.set $16
      (i32.const 64)
     )
     (local.set $15
      (i32.const 0)
     )
     (br_if $done4
      (i32.ge_s
       (local.get $15)
       (local.get $16)
      )
     )
     (loop $next5
      (local.set $9
       (i32.load
        (i32.add
         (local.get $14)
         (i32.mul
          (i32.add
           (i32.mul
            (local.get $10)
            (i32.const 256)
           )
           (i32.add
            (i32.const 1)
            (i32.mul
             (local.get $15)
             (i32.const 4)
            )
           )
          )
          (i32.const 4)
         )
        )
       )
      )
      (if
       (i32.eqz
        (i32.eqz
         (local.get $9)
        )
       )
       (then
        (i32.store
         (i32.add
          (i32.const 12736)
          (i32.mul
           (local.get $2)
           (i32.const 4)
          )
         )
         (i32.add
          (i32.const 1)
          (i32.mul
           (local.get $15)
           (i32.const 4)
          )
         )
        )
        (i32.store
         (i32.add
          (i32.const 15872)
          (i32.mul
           (local.get $2)
           (i32.const 4)
          )
         )
         (local.get $9)
        )
        (local.set $2
         (i32.add
          (local.get $2)
          (i32.const 1)
         )
        )
       )
      )
      (local.set $15
       (i32.add
        (local.get $15)
        (i32.const 1)
       )
      )
      (br_if $next5
       (i32.lt_s
        (local.get $15)
        (local.get $16)
       )
      )
     )
    )
    (local.set $5
     (local.get $2)
    )
    (block $done6
     (local.set $18
      (i32.const 64)
     )
     (local.set $17
      (i32.const 0)
     )
     (br_if $done6
      (i32.ge_s
       (local.get $17)
       (local.get $18)
      )
     )
     (loop $next7
      (local.set $9
       (i32.load
        (i32.add
         (local.get $14)
         (i32.mul
          (i32.add
           (i32.mul
            (local.get $10)
            (i32.const 256)
           )
           (i32.add
            (i32.const 2)
            (i32.mul
             (local.get $17)
             (i32.const 4)
            )
           )
          )
          (i32.const 4)
         )
        )
       )
      )
      (if
       (i32.eqz
        (i32.eqz
         (local.get $9)
        )
       )
       (then
        (i32.store
         (i32.add
          (i32.const 12736)
          (i32.mul
           (local.get $2)
           (i32.const 4)
          )
         )
         (i32.add
          (i32.const 2)
          (i32.mul
           (local.get $17)
           (i32.const 4)
          )
         )
        )
        (i32.store
         (i32.add
          (i32.const 15872)
          (i32.mul
           (local.get $2)
           (i32.const 4)
          )
         )
         (local.get $9)
        )
        (local.set $2
         (i32.add
          (local.get $2)
          (i32.const 1)
         )
        )
       )
      )
      (local.set $17
       (i32.add
        (local.get $17)
        (i32.const 1)
       )
      )
      (br_if $next7
       (i32.lt_s
        (local.get $17)
        (local.get $18)
       )
      )
     )
    )
    (local.set $6
     (local.get $2)
    )
    (block $done8
     (local.set $20
      (i32.const 64)
     )
     (local.set $19
      (i32.const 0)
     )
     (br_if $done8
      (i32.ge_s
       (local.get $19)
       (local.get $20)
      )
     )
     (loop $next9
      (local.set $9
       (i32.load
        (i32.add
         (local.get $14)
         (i32.mul
          (i32.add
           (i32.mul
            (local.get $10)
            (i32.const 256)
           )
           (i32.add
            (i32.const 3)
            (i32.mul
             (local.get $19)
             (i32.const 4)
            )
           )
          )
          (i32.const 4)
         )
        )
       )
      )
      (if
       (i32.eqz
        (i32.eqz
         (local.get $9)
        )
       )
       (then
        (i32.store
         (i32.add
          (i32.const 12736)
          (i32.mul
           (local.get $2)
           (i32.const 4)
          )
         )
         (i32.add
          (i32.const 3)
          (i32.mul
           (local.get $19)
           (i32.const 4)
          )
         )
        )
        (i32.store
         (i32.add
          (i32.const 15872)
          (i32.mul
           (local.get $2)
           (i32.const 4)
          )
         )
         (local.get $9)
        )
        (local.set $2
         (i32.add
          (local.get $2)
          (i32.const 1)
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
      (br_if $next9
       (i32.lt_s
        (local.get $19)
        (local.get $20)
       )
      )
     )
    )
    (local.set $7
     (local.get $2)
    )
    (block $done10
     (local.set $22
      (i32.const 0)
     )
     (local.set $21
      (i32.const 0)
     )
     (br_if $done10
      (i32.ge_s
       (local.get $21)
       (local.get $22)
      )
     )
     (loop $next11
      (local.set $9
       (i32.load
        (i32.add
         (local.get $14)
         (i32.mul
          (i32.add
           (i32.mul
            (local.get $10)
            (i32.const 256)
           )
           (i32.add
            (i32.const 256)
            (local.get $21)
           )
          )
          (i32.const 4)
         )
        )
       )
      )
      (if
       (i32.eqz
        (i32.eqz
         (local.get $9)
        )
       )
       (then
        (i32.store
         (i32.add
          (i32.const 12736)
          (i32.mul
           (local.get $2)
           (i32.const 4)
          )
         )
         (i32.add
          (i32.const 256)
          (local.get $21)
         )
        )
        (i32.store
         (i32.add
          (i32.const 15872)
          (i32.mul
           (local.get $2)
           (i32.const 4)
          )
         )
         (local.get $9)
        )
        (local.set $2
         (i32.add
          (local.get $2)
          (i32.const 1)
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
      (br_if $next11
       (i32.lt_s
        (local.get $21)
        (local.get $22)
       )
      )
     )
    )
    (local.set $8
     (local.get $2)
    )
    (block $done12
     (local.set $24
      (i32.const 10)
     )
     (local.set $23
      (i32.const 0)
     )
     (br_if $done12
      (i32.ge_s
       (local.get $23)
       (local.get $24)
      )
     )
     (loop $next13
      (call $q32_clear
       (i32.const 64)
      )
      (call $q32_add
       (i32.const 64)
       (i32.load
        (i32.add
         (i32.const 1096256)
         (i32.mul
          (local.get $23)
          (i32.const 4)
         )
        )
       )
      )
      (call $q32_fma_gather
       (i32.const 64)
       (i32.add
        (i32.const 1086016)
        (i32.mul
         (local.get $23)
         (i32.const 1024)
        )
       )
       (i32.add
        (i32.const 12736)
        (i32.mul
         (local.get $3)
         (i32.const 4)
        )
       )
       (i32.add
        (i32.const 15872)
        (i32.mul
         (local.get $3)
         (i32.const 4)
        )
       )
       (local.get $2)
      )
      (i32.store
       (i32.add
        (local.get $25)
        (i32.mul
         (i32.add
          (i32.mul
           (local.get $10)
           (i32.const 10)
          )
          (local.get $23)
         )
         (i32.const 4)
        )
       )
       (call $q32_to
        (i32.const 64)
       )
      )
      (local.set $23
       (i32.add
        (local.get $23)
        (i32.const 1)
       )
      )
      (br_if $next13
       (i32.lt_s
        (local.get $23)
        (local.get $24)
       )
      )
     )
    )
    (local.set $10
     (i32.add
      (local.get $10)
      (i32.const 1)
     )
    )
    (br_if $next1
     (i32.lt_s
      (local.get $10)
      (local.get $11)
     )
    )
   )
  )
 )
 (func $tan_12 (param $0 i32) (param $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local $5 i32)
  (local $6 i32)
  (local $7 i32)
  (local.set $6
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 19784)
    )
   )
  )
  (local.set $7
   (i32.add
    (i32.const 8039104)
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
      (call $q32_clear
       (i32.const 64)
      )
      (call $q32_fma_arr
       (i32.const 64)
       (i32.add
        (i32.const 1086016)
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
 (func $fwd_15 (param $0 i32) (param $1 i32)
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
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 15552)
    )
   )
  )
  (local.set $7
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 15680)
    )
   )
  )
  (local.set $8
   (i32.add
    (i32.const 8039104)
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
  (local $13 f64)
  (local.set $7
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 15552)
    )
   )
  )
  (local.set $8
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 15672)
    )
   )
  )
  (local.set $11
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 20808)
    )
   )
  )
  (local.set $12
   (i32.add
    (i32.const 8039104)
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
        (i32.const 192)
        (i32.mul
         (local.get $5)
         (i32.const 8)
        )
       )
       (call $p32_to_f64
        (i32.load
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
     (i32.const 192)
     (i32.const 272)
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
            (i32.const 272)
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
         (call $p32_to_f64
          (i32.load
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
    (i32.store
     (i32.add
      (local.get $12)
      (i32.mul
       (local.get $3)
       (i32.const 4)
      )
     )
     (block (result i32)
      (local.set $13
       (local.get $2)
      )
      (if (result i32)
       (f64.eq
        (local.get $13)
        (f64.const inf)
       )
       (then
        (i32.const 2147483647)
       )
       (else
        (if (result i32)
         (f64.eq
          (local.get $13)
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
           (local.get $13)
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
 (func $fwd_16 (param $0 i32) (param $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local.set $4
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 15680)
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
   (i32.const 8039040)
   (call $q32_quotient
    (i32.const 64)
    (i32.const 128)
    (local.get $0)
   )
  )
 )
 (func $tan_16 (param $0 i32) (param $1 i32)
  (local $2 i32)
  (local $3 i32)
  (local $4 i32)
  (local.set $4
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 20848)
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
   (i32.const 8039056)
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
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 0)
    )
   )
  )
  (local.set $3
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 6272)
    )
   )
  )
  (local.set $4
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 15552)
    )
   )
  )
  (local.set $5
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 15592)
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
  (call $skip_8
   (local.get $0)
   (local.get $1)
  )
  (call $fwd_9
   (local.get $0)
   (local.get $1)
  )
  (call $skip_12
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
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 0)
    )
   )
  )
  (local.set $4
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 6272)
    )
   )
  )
  (local.set $5
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 15552)
    )
   )
  )
  (local.set $6
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 15592)
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
    (call $fwd_15
     (local.get $0)
     (local.get $1)
    )
    (call $fwd_16
     (local.get $0)
     (local.get $1)
    )
    (call $p32_to_f64_arr
     (i32.const 8039040)
     (i32.const 8039024)
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
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 20856)
    )
   )
  )
  (local.set $5
   (i32.add
    (i32.const 8039104)
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
     (i32.eqz
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
   (i32.const 3504752)
   (i32.const 0)
   (i32.const 1605632)
  )
  (memory.fill
   (i32.const 5113456)
   (i32.const 0)
   (i32.const 2048)
  )
  (memory.fill
   (i32.const 5901936)
   (i32.const 0)
   (i32.const 524288)
  )
  (memory.fill
   (i32.const 6429296)
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
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 20848)
    )
   )
  )
  (local.set $3
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 21112)
    )
   )
  )
  (local.set $10
   (i32.add
    (i32.const 8039104)
    (i32.mul
     (local.get $0)
     (i32.const 20856)
    )
   )
  )
  (call $p32_from_f64_arr
   (i32.const 1899120)
   (i32.const 1096304)
   (i32.const 200704)
  )
  (call $p32_from_f64_arr
   (i32.const 5111408)
   (i32.const 5110384)
   (i32.const 256)
  )
  (call $p32_from_f64_arr
   (i32.const 5377648)
   (i32.const 5115504)
   (i32.const 65536)
  )
  (call $p32_from_f64_arr
   (i32.const 6427248)
   (i32.const 6426224)
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
  (call $p32_to_f64_arr
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
       (i32.const 6431344)
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
         (i32.const 3504752)
         (i32.mul
          (local.get $5)
          (i32.const 8)
         )
        )
        (f64.add
         (f64.load
          (i32.add
           (i32.const 3504752)
           (i32.mul
            (local.get $5)
            (i32.const 8)
           )
          )
         )
         (f64.mul
          (f64.load
           (i32.add
            (i32.const 6431344)
            (i32.mul
             (local.get $11)
             (i32.const 8)
            )
           )
          )
          (call $p32_to_f64
           (i32.load
            (i32.add
             (i32.const 1096304)
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
       (i32.const 6431344)
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
         (i32.const 5113456)
         (i32.mul
          (local.get $16)
          (i32.const 8)
         )
        )
        (f64.add
         (f64.load
          (i32.add
           (i32.const 5113456)
           (i32.mul
            (local.get $16)
            (i32.const 8)
           )
          )
         )
         (f64.mul
          (f64.load
           (i32.add
            (i32.const 6431344)
            (i32.mul
             (local.get $21)
             (i32.const 8)
            )
           )
          )
          (call $p32_to_f64
           (i32.load
            (i32.add
             (i32.const 5110384)
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
       (i32.const 6431344)
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
         (i32.const 5901936)
         (i32.mul
          (local.get $26)
          (i32.const 8)
         )
        )
        (f64.add
         (f64.load
          (i32.add
           (i32.const 5901936)
           (i32.mul
            (local.get $26)
            (i32.const 8)
           )
          )
         )
         (f64.mul
          (f64.load
           (i32.add
            (i32.const 6431344)
            (i32.mul
             (local.get $31)
             (i32.const 8)
            )
           )
          )
          (call $p32_to_f64
           (i32.load
            (i32.add
             (i32.const 5115504)
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
       (i32.const 6431344)
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
         (i32.const 6429296)
         (i32.mul
          (local.get $36)
          (i32.const 8)
         )
        )
        (f64.add
         (f64.load
          (i32.add
           (i32.const 6429296)
           (i32.mul
            (local.get $36)
            (i32.const 8)
           )
          )
         )
         (f64.mul
          (f64.load
           (i32.add
            (i32.const 6431344)
            (i32.mul
             (local.get $41)
             (i32.const 8)
            )
           )
          )
          (call $p32_to_f64
           (i32.load
            (i32.add
             (i32.const 6426224)
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
        (i32.const 3504752)
        (i32.mul
         (local.get $5)
         (i32.const 8)
        )
       )
      )
      (local.get $3)
     )
    )
    (i32.store
     (i32.add
      (i32.const 19008)
      (i32.mul
       (local.get $5)
       (i32.const 4)
      )
     )
     (call $p32_from_f64
      (f64.sub
       (call $p32_to_f64
        (i32.load
         (i32.add
          (i32.const 19008)
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
        (i32.const 5113456)
        (i32.mul
         (local.get $7)
         (i32.const 8)
        )
       )
      )
      (local.get $3)
     )
    )
    (i32.store
     (i32.add
      (i32.const 821824)
      (i32.mul
       (local.get $7)
       (i32.const 4)
      )
     )
     (call $p32_from_f64
      (f64.sub
       (call $p32_to_f64
        (i32.load
         (i32.add
          (i32.const 821824)
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
        (i32.const 5901936)
        (i32.mul
         (local.get $9)
         (i32.const 8)
        )
       )
      )
      (local.get $3)
     )
    )
    (i32.store
     (i32.add
      (i32.const 822848)
      (i32.mul
       (local.get $9)
       (i32.const 4)
      )
     )
     (call $p32_from_f64
      (f64.sub
       (call $p32_to_f64
        (i32.load
         (i32.add
          (i32.const 822848)
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
        (i32.const 6429296)
        (i32.mul
         (local.get $11)
         (i32.const 8)
        )
       )
      )
      (local.get $3)
     )
    )
    (i32.store
     (i32.add
      (i32.const 1084992)
      (i32.mul
       (local.get $11)
       (i32.const 4)
      )
     )
     (call $p32_from_f64
      (f64.sub
       (call $p32_to_f64
        (i32.load
         (i32.add
          (i32.const 1084992)
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
