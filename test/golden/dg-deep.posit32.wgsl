// dg_deep in posit32: 55 kernels, 28 distinct; library: posit32 + quire32 + quire division + soft f64 (elided)

// ==== 4-dense-narrow.wgsl: 4-dense-narrow, 8-dense-narrow, 12-dense-narrow, 16-dense-narrow, 21-dense-narrow, 25-dense-narrow, 30-dense-narrow, 34-dense-narrow, 39-dense-narrow
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> w: array<u32>;
@group(0) @binding(2) var<storage, read> x: array<u32>;
@group(0) @binding(3) var<storage, read> bias: array<u32>;
@group(0) @binding(4) var<storage, read_write> y: array<u32>;

const TN = 64u;
const TB = 1u;
const TK = 32u;
var<workgroup> wt: array<u32, 2048>;
var<workgroup> xt: array<u32, 32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let NIN = run.dims.x;
  let NOUT = run.dims.y;
  let j0 = wg.x * TN;
  let b0 = wg.y * TB;
  let jl = t % 64u;
  let bl = t / 64u;
  let nb = min(TB, run.batch - min(b0, run.batch));
  let oj0 = j0 + jl;
  let sb0 = b0 + bl;
  var acc0_0: Quire;
  q_clear(&acc0_0);
  if (oj0 < NOUT && sb0 < run.batch) {
    q_add_posit(&acc0_0, bias[oj0]);
  }
  for (var k0 = 0u; k0 < NIN; k0 += TK) {
    for (var e = t; e < 2048u; e += 64u) {
      let row = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (j0 + row < NOUT && k < NIN) {
        v = w[(j0 + row) * NIN + k];
      }
      wt[(e % TK) * TN + row] = v;
    }
    for (var e = t; e < 32u; e += 64u) {
      let r = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (r < nb && k < NIN) {
        v = x[(b0 + r) * NIN + k];
      }
      xt[e] = v;
    }
    workgroupBarrier();
    let kn = min(TK, NIN - k0);
    for (var c = 0u; c < kn; c++) {
      let w0 = wt[c * TN + jl];
      if (sb0 < run.batch) {
        let x0 = xt[(bl) * TK + c];
        q_fma(&acc0_0, w0, x0);
      }
    }
    workgroupBarrier();
  }
  if (oj0 < NOUT && sb0 < run.batch) {
    y[sb0 * NOUT + oj0] = q_to_p32(&acc0_0);
  }
}

// ==== 4-dense-wide.wgsl: 4-dense-wide, 8-dense-wide, 12-dense-wide, 16-dense-wide, 21-dense-wide, 25-dense-wide, 30-dense-wide, 34-dense-wide, 39-dense-wide
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> w: array<u32>;
@group(0) @binding(2) var<storage, read> x: array<u32>;
@group(0) @binding(3) var<storage, read> bias: array<u32>;
@group(0) @binding(4) var<storage, read_write> y: array<u32>;

const TN = 64u;
const TB = 4u;
const TK = 32u;
var<workgroup> wt: array<u32, 2048>;
var<workgroup> xt: array<u32, 128>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let NIN = run.dims.x;
  let NOUT = run.dims.y;
  let j0 = wg.x * TN;
  let b0 = wg.y * TB;
  let jl = t % 64u;
  let bl = t / 64u;
  let nb = min(TB, run.batch - min(b0, run.batch));
  let oj0 = j0 + jl;
  let sb0 = b0 + bl * 4u;
  let sb1 = b0 + bl * 4u + 1u;
  let sb2 = b0 + bl * 4u + 2u;
  let sb3 = b0 + bl * 4u + 3u;
  var acc0_0: Quire;
  var acc0_1: Quire;
  var acc0_2: Quire;
  var acc0_3: Quire;
  q_clear(&acc0_0);
  if (oj0 < NOUT && sb0 < run.batch) {
    q_add_posit(&acc0_0, bias[oj0]);
  }
  q_clear(&acc0_1);
  if (oj0 < NOUT && sb1 < run.batch) {
    q_add_posit(&acc0_1, bias[oj0]);
  }
  q_clear(&acc0_2);
  if (oj0 < NOUT && sb2 < run.batch) {
    q_add_posit(&acc0_2, bias[oj0]);
  }
  q_clear(&acc0_3);
  if (oj0 < NOUT && sb3 < run.batch) {
    q_add_posit(&acc0_3, bias[oj0]);
  }
  for (var k0 = 0u; k0 < NIN; k0 += TK) {
    for (var e = t; e < 2048u; e += 64u) {
      let row = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (j0 + row < NOUT && k < NIN) {
        v = w[(j0 + row) * NIN + k];
      }
      wt[(e % TK) * TN + row] = v;
    }
    for (var e = t; e < 128u; e += 64u) {
      let r = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (r < nb && k < NIN) {
        v = x[(b0 + r) * NIN + k];
      }
      xt[e] = v;
    }
    workgroupBarrier();
    let kn = min(TK, NIN - k0);
    for (var c = 0u; c < kn; c++) {
      let w0 = wt[c * TN + jl];
      if (sb0 < run.batch) {
        let x0 = xt[(bl * 4u) * TK + c];
        q_fma(&acc0_0, w0, x0);
      }
      if (sb1 < run.batch) {
        let x1 = xt[(bl * 4u + 1u) * TK + c];
        q_fma(&acc0_1, w0, x1);
      }
      if (sb2 < run.batch) {
        let x2 = xt[(bl * 4u + 2u) * TK + c];
        q_fma(&acc0_2, w0, x2);
      }
      if (sb3 < run.batch) {
        let x3 = xt[(bl * 4u + 3u) * TK + c];
        q_fma(&acc0_3, w0, x3);
      }
    }
    workgroupBarrier();
  }
  if (oj0 < NOUT && sb0 < run.batch) {
    y[sb0 * NOUT + oj0] = q_to_p32(&acc0_0);
  }
  if (oj0 < NOUT && sb1 < run.batch) {
    y[sb1 * NOUT + oj0] = q_to_p32(&acc0_1);
  }
  if (oj0 < NOUT && sb2 < run.batch) {
    y[sb2 * NOUT + oj0] = q_to_p32(&acc0_2);
  }
  if (oj0 < NOUT && sb3 < run.batch) {
    y[sb3 * NOUT + oj0] = q_to_p32(&acc0_3);
  }
}

// ==== 5-activation.wgsl: 5-activation, 9-activation, 13-activation
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> x: array<u32>;
@group(0) @binding(2) var<storage, read_write> y: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let N = run.dims.x;
  let col = gid.x;
  let b = gid.y;
  if (col >= N || b >= run.batch) {
    return;
  }
  let i = b * N + col;
  y[i] = select(0u, x[i], bitcast<i32>(x[i]) > 0 || x[i] == P32_NAR);
}

// ==== 17-gate.wgsl: 17-gate
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> z: array<u32>;
@group(0) @binding(2) var<storage, read_write> m: array<u32>;
@group(0) @binding(3) var<storage, read_write> relaxed: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let N = run.dims.x;
  let col = gid.x;
  let b = gid.y;
  if (col >= N || b >= run.batch) {
    return;
  }
  let i = b * N + col;
  let zv = p32_to_sf64(z[i]);
  let arg = zv;
  let sv = sf64_to_p32(sf64_sigmoid(arg));
  let on = (bitcast<i32>(z[i]) >= -8388608i);
  m[i] = select(0u, P32_ONE, on);
  relaxed[i] = select(sv, P32_ONE, on);
}

// ==== 18-mul.wgsl: 18-mul, 27-mul, 36-mul
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> a: array<u32>;
@group(0) @binding(2) var<storage, read> bb: array<u32>;
@group(0) @binding(3) var<storage, read_write> y: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let N = run.dims.x;
  let col = gid.x;
  let b = gid.y;
  if (col >= N || b >= run.batch) {
    return;
  }
  let i = b * N + col;
  y[i] = p32_mul(a[i], bb[i]);
}

// ==== 22-activation.wgsl: 22-activation
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> x: array<u32>;
@group(0) @binding(2) var<storage, read_write> y: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let N = run.dims.x;
  let col = gid.x;
  let b = gid.y;
  if (col >= N || b >= run.batch) {
    return;
  }
  let i = b * N + col;
  let v = p32_to_sf64(x[i]);
  let f = sf64_gelu(v);
  y[i] = sf64_to_p32(f);
}

// ==== 26-gate.wgsl: 26-gate
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> z: array<u32>;
@group(0) @binding(2) var<storage, read_write> m: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let N = run.dims.x;
  let col = gid.x;
  let b = gid.y;
  if (col >= N || b >= run.batch) {
    return;
  }
  let i = b * N + col;
  let zv = p32_to_sf64(z[i]);
  let arg = zv;
  let sv = sf64_to_p32(sf64_sigmoid(arg));
  m[i] = sv;
}

// ==== 31-activation.wgsl: 31-activation
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> x: array<u32>;
@group(0) @binding(2) var<storage, read_write> y: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let N = run.dims.x;
  let col = gid.x;
  let b = gid.y;
  if (col >= N || b >= run.batch) {
    return;
  }
  let i = b * N + col;
  let v = p32_to_sf64(x[i]);
  let f = sf64_tanh(v);
  y[i] = sf64_to_p32(f);
}

// ==== 35-gate.wgsl: 35-gate
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> z: array<u32>;
@group(0) @binding(2) var<storage, read_write> m: array<u32>;
@group(0) @binding(3) var<storage, read_write> relaxed: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let N = run.dims.x;
  let col = gid.x;
  let b = gid.y;
  if (col >= N || b >= run.batch) {
    return;
  }
  let i = b * N + col;
  let zv = p32_to_sf64(z[i]);
  let arg = select(zv, sf64_div(sf64_sub(zv, run.center64), run.temp64), run.hard == 0u);
  let sv = sf64_to_p32(sf64_sigmoid(arg));
  if (run.hard != 0u) {
    let on = (bitcast<i32>(z[i]) >= -888771063i);
    m[i] = select(0u, P32_ONE, on);
    relaxed[i] = select(sv, P32_ONE, on);
  } else {
    m[i] = sv;
    relaxed[i] = sv;
  }
}

// ==== 40-softmax.wgsl: 40-softmax
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> x: array<u32>;
@group(0) @binding(2) var<storage, read_write> y: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let C = run.dims.x;
  let b = gid.x;
  if (b >= run.batch) {
    return;
  }
  let base = b * C;
  var m = vec2<u32>(0xfff00000u, 0x00000000u);
  for (var k = 0u; k < C; k++) {
    let v = p32_to_sf64(x[base + k]);
    if (sf64_is_nan(v)) {
      m = v;
      break;
    }
    if (sf64_gt(v, m)) {
      m = v;
    }
  }
  var s = vec2<u32>(0x00000000u, 0x00000000u);
  for (var it = 0u; it < 2u * C; it++) {
    let phase = it / C;
    let k = it % C;
    let e = sf64_exp(sf64_sub(p32_to_sf64(x[base + k]), m));
    if (phase == 0u) {
      s = sf64_add(s, e);
    } else {
      let p = sf64_div(e, s);
      if (phase == 1u) {
        y[base + k] = sf64_to_p32(p);
      }
    }
  }
}

// ==== 44-crossentropy.wgsl: 44-crossentropy
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> z: array<u32>;
@group(0) @binding(2) var<storage, read> labels: array<u32>;
@group(0) @binding(3) var<storage, read_write> y: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let C = run.dims.x;
  let b = gid.x;
  if (b >= run.batch) {
    return;
  }
  let base = b * C;
  var m = vec2<u32>(0xfff00000u, 0x00000000u);
  for (var k = 0u; k < C; k++) {
    let v = p32_to_sf64(z[base + k]);
    if (sf64_is_nan(v)) {
      m = v;
      break;
    }
    if (sf64_gt(v, m)) {
      m = v;
    }
  }
  var s = vec2<u32>(0x00000000u, 0x00000000u);
  for (var it = 0u; it < 1u * C; it++) {
    let phase = it / C;
    let k = it % C;
    let e = sf64_exp(sf64_sub(p32_to_sf64(z[base + k]), m));
    if (phase == 0u) {
      s = sf64_add(s, e);
    }
  }
  y[b] = sf64_to_p32(sf64_sub(select(sf64_add(m, sf64_log(s)), m, sf64_is_inf(m)), p32_to_sf64(z[base + labels[b]])));
}

// ==== 45-mean.wgsl: 45-mean
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> x: array<u32>;
@group(0) @binding(2) var<storage, read_write> y: array<u32>;

@compute @workgroup_size(1)
fn main() {
  var acc: Quire;
  q_clear(&acc);
  for (var b = 0u; b < run.batch; b++) {
    q_add_posit(&acc, x[b]);
  }
  y[0] = q_to_p32_div(&acc, run.batch);
}

// ==== t12-dense-narrow.wgsl: t12-dense-narrow
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> db: array<u32>;
@group(0) @binding(2) var<storage, read> dw: array<u32>;
@group(0) @binding(3) var<storage, read> xp: array<u32>;
@group(0) @binding(4) var<storage, read> gate0: array<u32>;
@group(0) @binding(5) var<storage, read_write> dy: array<u32>;

const TN = 64u;
const TB = 1u;
const TK = 32u;
var<workgroup> wt: array<u32, 2048>;
var<workgroup> xt: array<u32, 32>;

fn inactive(b: u32, j: u32) -> bool {
  let NOUT = run.dims.y;
  return gate0[b * NOUT + j] == 0u;
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let NIN = run.dims.x;
  let NOUT = run.dims.y;
  let j0 = wg.x * TN;
  let b0 = wg.y * TB;
  let jl = t % 64u;
  let bl = t / 64u;
  let nb = min(TB, run.batch - min(b0, run.batch));
  let oj0 = j0 + jl;
  let sb0 = b0 + bl;
  var acc0_0: Quire;
  q_clear(&acc0_0);
  if (oj0 < NOUT && sb0 < run.batch && inactive(sb0, oj0)) {
    q_add_posit(&acc0_0, db[oj0]);
  }
  let inact0_0 = oj0 < NOUT && sb0 < run.batch && inactive(sb0, oj0);
  for (var k0 = 0u; k0 < NIN; k0 += TK) {
    for (var e = t; e < 2048u; e += 64u) {
      let row = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (j0 + row < NOUT && k < NIN) {
        v = dw[(j0 + row) * NIN + k];
      }
      wt[(e % TK) * TN + row] = v;
    }
    for (var e = t; e < 32u; e += 64u) {
      let r = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (r < nb && k < NIN) {
        v = xp[(b0 + r) * NIN + k];
      }
      xt[e] = v;
    }
    workgroupBarrier();
    let kn = min(TK, NIN - k0);
    for (var c = 0u; c < kn; c++) {
      let w0 = wt[c * TN + jl];
      if (sb0 < run.batch) {
        let x0 = xt[(bl) * TK + c];
        if (inact0_0) {
          q_fma(&acc0_0, w0, x0);
        }
      }
    }
    workgroupBarrier();
  }
  if (oj0 < NOUT && sb0 < run.batch) {
    dy[sb0 * NOUT + oj0] = q_to_p32(&acc0_0);
  }
}

// ==== t12-dense-wide.wgsl: t12-dense-wide
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> db: array<u32>;
@group(0) @binding(2) var<storage, read> dw: array<u32>;
@group(0) @binding(3) var<storage, read> xp: array<u32>;
@group(0) @binding(4) var<storage, read> gate0: array<u32>;
@group(0) @binding(5) var<storage, read_write> dy: array<u32>;

const TN = 64u;
const TB = 4u;
const TK = 32u;
var<workgroup> wt: array<u32, 2048>;
var<workgroup> xt: array<u32, 128>;

fn inactive(b: u32, j: u32) -> bool {
  let NOUT = run.dims.y;
  return gate0[b * NOUT + j] == 0u;
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let NIN = run.dims.x;
  let NOUT = run.dims.y;
  let j0 = wg.x * TN;
  let b0 = wg.y * TB;
  let jl = t % 64u;
  let bl = t / 64u;
  let nb = min(TB, run.batch - min(b0, run.batch));
  let oj0 = j0 + jl;
  let sb0 = b0 + bl * 4u;
  let sb1 = b0 + bl * 4u + 1u;
  let sb2 = b0 + bl * 4u + 2u;
  let sb3 = b0 + bl * 4u + 3u;
  var acc0_0: Quire;
  var acc0_1: Quire;
  var acc0_2: Quire;
  var acc0_3: Quire;
  q_clear(&acc0_0);
  if (oj0 < NOUT && sb0 < run.batch && inactive(sb0, oj0)) {
    q_add_posit(&acc0_0, db[oj0]);
  }
  q_clear(&acc0_1);
  if (oj0 < NOUT && sb1 < run.batch && inactive(sb1, oj0)) {
    q_add_posit(&acc0_1, db[oj0]);
  }
  q_clear(&acc0_2);
  if (oj0 < NOUT && sb2 < run.batch && inactive(sb2, oj0)) {
    q_add_posit(&acc0_2, db[oj0]);
  }
  q_clear(&acc0_3);
  if (oj0 < NOUT && sb3 < run.batch && inactive(sb3, oj0)) {
    q_add_posit(&acc0_3, db[oj0]);
  }
  let inact0_0 = oj0 < NOUT && sb0 < run.batch && inactive(sb0, oj0);
  let inact0_1 = oj0 < NOUT && sb1 < run.batch && inactive(sb1, oj0);
  let inact0_2 = oj0 < NOUT && sb2 < run.batch && inactive(sb2, oj0);
  let inact0_3 = oj0 < NOUT && sb3 < run.batch && inactive(sb3, oj0);
  for (var k0 = 0u; k0 < NIN; k0 += TK) {
    for (var e = t; e < 2048u; e += 64u) {
      let row = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (j0 + row < NOUT && k < NIN) {
        v = dw[(j0 + row) * NIN + k];
      }
      wt[(e % TK) * TN + row] = v;
    }
    for (var e = t; e < 128u; e += 64u) {
      let r = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (r < nb && k < NIN) {
        v = xp[(b0 + r) * NIN + k];
      }
      xt[e] = v;
    }
    workgroupBarrier();
    let kn = min(TK, NIN - k0);
    for (var c = 0u; c < kn; c++) {
      let w0 = wt[c * TN + jl];
      if (sb0 < run.batch) {
        let x0 = xt[(bl * 4u) * TK + c];
        if (inact0_0) {
          q_fma(&acc0_0, w0, x0);
        }
      }
      if (sb1 < run.batch) {
        let x1 = xt[(bl * 4u + 1u) * TK + c];
        if (inact0_1) {
          q_fma(&acc0_1, w0, x1);
        }
      }
      if (sb2 < run.batch) {
        let x2 = xt[(bl * 4u + 2u) * TK + c];
        if (inact0_2) {
          q_fma(&acc0_2, w0, x2);
        }
      }
      if (sb3 < run.batch) {
        let x3 = xt[(bl * 4u + 3u) * TK + c];
        if (inact0_3) {
          q_fma(&acc0_3, w0, x3);
        }
      }
    }
    workgroupBarrier();
  }
  if (oj0 < NOUT && sb0 < run.batch) {
    dy[sb0 * NOUT + oj0] = q_to_p32(&acc0_0);
  }
  if (oj0 < NOUT && sb1 < run.batch) {
    dy[sb1 * NOUT + oj0] = q_to_p32(&acc0_1);
  }
  if (oj0 < NOUT && sb2 < run.batch) {
    dy[sb2 * NOUT + oj0] = q_to_p32(&acc0_2);
  }
  if (oj0 < NOUT && sb3 < run.batch) {
    dy[sb3 * NOUT + oj0] = q_to_p32(&acc0_3);
  }
}

// ==== t13-activation.wgsl: t13-activation
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> dx: array<u32>;
@group(0) @binding(2) var<storage, read> x: array<u32>;
@group(0) @binding(3) var<storage, read_write> dy: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let N = run.dims.x;
  let col = gid.x;
  let b = gid.y;
  if (col >= N || b >= run.batch) {
    return;
  }
  let i = b * N + col;
  dy[i] = select(0u, dx[i], (bitcast<i32>(x[i]) > 0));
}

// ==== t18-mul.wgsl: t18-mul
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> da: array<u32>;
@group(0) @binding(2) var<storage, read> bb: array<u32>;
@group(0) @binding(3) var<storage, read_write> dy: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let N = run.dims.x;
  let col = gid.x;
  let b = gid.y;
  if (col >= N || b >= run.batch) {
    return;
  }
  let i = b * N + col;
  var acc: Quire;
  q_clear(&acc);
  q_fma(&acc, da[i], bb[i]);
  dy[i] = q_to_p32(&acc);
}

// ==== t21-dense-narrow.wgsl: t21-dense-narrow, t30-dense-narrow
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> db: array<u32>;
@group(0) @binding(2) var<storage, read> w: array<u32>;
@group(0) @binding(3) var<storage, read> dx: array<u32>;
@group(0) @binding(4) var<storage, read> dw: array<u32>;
@group(0) @binding(5) var<storage, read> xp: array<u32>;
@group(0) @binding(6) var<storage, read> gate0: array<u32>;
@group(0) @binding(7) var<storage, read_write> dy: array<u32>;

const TN = 64u;
const TB = 1u;
const TK = 32u;
var<workgroup> wt: array<u32, 2048>;
var<workgroup> xt: array<u32, 32>;

fn inactive(b: u32, j: u32) -> bool {
  let NOUT = run.dims.y;
  return gate0[b * NOUT + j] == 0u;
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let NIN = run.dims.x;
  let NOUT = run.dims.y;
  let j0 = wg.x * TN;
  let b0 = wg.y * TB;
  let jl = t % 64u;
  let bl = t / 64u;
  let nb = min(TB, run.batch - min(b0, run.batch));
  let oj0 = j0 + jl;
  let sb0 = b0 + bl;
  var acc0_0: Quire;
  q_clear(&acc0_0);
  if (oj0 < NOUT && sb0 < run.batch && inactive(sb0, oj0)) {
    q_add_posit(&acc0_0, db[oj0]);
  }
  let inact0_0 = oj0 < NOUT && sb0 < run.batch && inactive(sb0, oj0);
  for (var k0 = 0u; k0 < NIN; k0 += TK) {
    for (var e = t; e < 2048u; e += 64u) {
      let row = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (j0 + row < NOUT && k < NIN) {
        v = w[(j0 + row) * NIN + k];
      }
      wt[(e % TK) * TN + row] = v;
    }
    for (var e = t; e < 32u; e += 64u) {
      let r = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (r < nb && k < NIN) {
        v = dx[(b0 + r) * NIN + k];
      }
      xt[e] = v;
    }
    workgroupBarrier();
    let kn = min(TK, NIN - k0);
    for (var c = 0u; c < kn; c++) {
      let w0 = wt[c * TN + jl];
      if (sb0 < run.batch) {
        let x0 = xt[(bl) * TK + c];
        q_fma(&acc0_0, w0, x0);
      }
    }
    workgroupBarrier();
  }
  for (var k0 = 0u; k0 < NIN; k0 += TK) {
    for (var e = t; e < 2048u; e += 64u) {
      let row = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (j0 + row < NOUT && k < NIN) {
        v = dw[(j0 + row) * NIN + k];
      }
      wt[(e % TK) * TN + row] = v;
    }
    for (var e = t; e < 32u; e += 64u) {
      let r = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (r < nb && k < NIN) {
        v = xp[(b0 + r) * NIN + k];
      }
      xt[e] = v;
    }
    workgroupBarrier();
    let kn = min(TK, NIN - k0);
    for (var c = 0u; c < kn; c++) {
      let w0 = wt[c * TN + jl];
      if (sb0 < run.batch) {
        let x0 = xt[(bl) * TK + c];
        if (inact0_0) {
          q_fma(&acc0_0, w0, x0);
        }
      }
    }
    workgroupBarrier();
  }
  if (oj0 < NOUT && sb0 < run.batch) {
    dy[sb0 * NOUT + oj0] = q_to_p32(&acc0_0);
  }
}

// ==== t21-dense-wide.wgsl: t21-dense-wide, t30-dense-wide
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> db: array<u32>;
@group(0) @binding(2) var<storage, read> w: array<u32>;
@group(0) @binding(3) var<storage, read> dx: array<u32>;
@group(0) @binding(4) var<storage, read> dw: array<u32>;
@group(0) @binding(5) var<storage, read> xp: array<u32>;
@group(0) @binding(6) var<storage, read> gate0: array<u32>;
@group(0) @binding(7) var<storage, read_write> dy: array<u32>;

const TN = 64u;
const TB = 4u;
const TK = 32u;
var<workgroup> wt: array<u32, 2048>;
var<workgroup> xt: array<u32, 128>;

fn inactive(b: u32, j: u32) -> bool {
  let NOUT = run.dims.y;
  return gate0[b * NOUT + j] == 0u;
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let NIN = run.dims.x;
  let NOUT = run.dims.y;
  let j0 = wg.x * TN;
  let b0 = wg.y * TB;
  let jl = t % 64u;
  let bl = t / 64u;
  let nb = min(TB, run.batch - min(b0, run.batch));
  let oj0 = j0 + jl;
  let sb0 = b0 + bl * 4u;
  let sb1 = b0 + bl * 4u + 1u;
  let sb2 = b0 + bl * 4u + 2u;
  let sb3 = b0 + bl * 4u + 3u;
  var acc0_0: Quire;
  var acc0_1: Quire;
  var acc0_2: Quire;
  var acc0_3: Quire;
  q_clear(&acc0_0);
  if (oj0 < NOUT && sb0 < run.batch && inactive(sb0, oj0)) {
    q_add_posit(&acc0_0, db[oj0]);
  }
  q_clear(&acc0_1);
  if (oj0 < NOUT && sb1 < run.batch && inactive(sb1, oj0)) {
    q_add_posit(&acc0_1, db[oj0]);
  }
  q_clear(&acc0_2);
  if (oj0 < NOUT && sb2 < run.batch && inactive(sb2, oj0)) {
    q_add_posit(&acc0_2, db[oj0]);
  }
  q_clear(&acc0_3);
  if (oj0 < NOUT && sb3 < run.batch && inactive(sb3, oj0)) {
    q_add_posit(&acc0_3, db[oj0]);
  }
  let inact0_0 = oj0 < NOUT && sb0 < run.batch && inactive(sb0, oj0);
  let inact0_1 = oj0 < NOUT && sb1 < run.batch && inactive(sb1, oj0);
  let inact0_2 = oj0 < NOUT && sb2 < run.batch && inactive(sb2, oj0);
  let inact0_3 = oj0 < NOUT && sb3 < run.batch && inactive(sb3, oj0);
  for (var k0 = 0u; k0 < NIN; k0 += TK) {
    for (var e = t; e < 2048u; e += 64u) {
      let row = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (j0 + row < NOUT && k < NIN) {
        v = w[(j0 + row) * NIN + k];
      }
      wt[(e % TK) * TN + row] = v;
    }
    for (var e = t; e < 128u; e += 64u) {
      let r = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (r < nb && k < NIN) {
        v = dx[(b0 + r) * NIN + k];
      }
      xt[e] = v;
    }
    workgroupBarrier();
    let kn = min(TK, NIN - k0);
    for (var c = 0u; c < kn; c++) {
      let w0 = wt[c * TN + jl];
      if (sb0 < run.batch) {
        let x0 = xt[(bl * 4u) * TK + c];
        q_fma(&acc0_0, w0, x0);
      }
      if (sb1 < run.batch) {
        let x1 = xt[(bl * 4u + 1u) * TK + c];
        q_fma(&acc0_1, w0, x1);
      }
      if (sb2 < run.batch) {
        let x2 = xt[(bl * 4u + 2u) * TK + c];
        q_fma(&acc0_2, w0, x2);
      }
      if (sb3 < run.batch) {
        let x3 = xt[(bl * 4u + 3u) * TK + c];
        q_fma(&acc0_3, w0, x3);
      }
    }
    workgroupBarrier();
  }
  for (var k0 = 0u; k0 < NIN; k0 += TK) {
    for (var e = t; e < 2048u; e += 64u) {
      let row = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (j0 + row < NOUT && k < NIN) {
        v = dw[(j0 + row) * NIN + k];
      }
      wt[(e % TK) * TN + row] = v;
    }
    for (var e = t; e < 128u; e += 64u) {
      let r = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (r < nb && k < NIN) {
        v = xp[(b0 + r) * NIN + k];
      }
      xt[e] = v;
    }
    workgroupBarrier();
    let kn = min(TK, NIN - k0);
    for (var c = 0u; c < kn; c++) {
      let w0 = wt[c * TN + jl];
      if (sb0 < run.batch) {
        let x0 = xt[(bl * 4u) * TK + c];
        if (inact0_0) {
          q_fma(&acc0_0, w0, x0);
        }
      }
      if (sb1 < run.batch) {
        let x1 = xt[(bl * 4u + 1u) * TK + c];
        if (inact0_1) {
          q_fma(&acc0_1, w0, x1);
        }
      }
      if (sb2 < run.batch) {
        let x2 = xt[(bl * 4u + 2u) * TK + c];
        if (inact0_2) {
          q_fma(&acc0_2, w0, x2);
        }
      }
      if (sb3 < run.batch) {
        let x3 = xt[(bl * 4u + 3u) * TK + c];
        if (inact0_3) {
          q_fma(&acc0_3, w0, x3);
        }
      }
    }
    workgroupBarrier();
  }
  if (oj0 < NOUT && sb0 < run.batch) {
    dy[sb0 * NOUT + oj0] = q_to_p32(&acc0_0);
  }
  if (oj0 < NOUT && sb1 < run.batch) {
    dy[sb1 * NOUT + oj0] = q_to_p32(&acc0_1);
  }
  if (oj0 < NOUT && sb2 < run.batch) {
    dy[sb2 * NOUT + oj0] = q_to_p32(&acc0_2);
  }
  if (oj0 < NOUT && sb3 < run.batch) {
    dy[sb3 * NOUT + oj0] = q_to_p32(&acc0_3);
  }
}

// ==== t22-activation.wgsl: t22-activation
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> dx: array<u32>;
@group(0) @binding(2) var<storage, read> x: array<u32>;
@group(0) @binding(3) var<storage, read_write> dy: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let N = run.dims.x;
  let col = gid.x;
  let b = gid.y;
  if (col >= N || b >= run.batch) {
    return;
  }
  let i = b * N + col;
  let v = p32_to_sf64(x[i]);
  let f_t = sf64_tanh(sf64_mul(vec2<u32>(0x3fe98845u, 0x33d43651u), sf64_add(v, sf64_mul(vec2<u32>(0x3fa6e4e2u, 0x6d4801f7u), sf64_mul(sf64_mul(v, v), v)))));
  let f = sf64_add(sf64_mul(vec2<u32>(0x3fe00000u, 0x00000000u), sf64_add(vec2<u32>(0x3ff00000u, 0x00000000u), f_t)), sf64_mul(sf64_mul(sf64_mul(sf64_mul(vec2<u32>(0x3fe00000u, 0x00000000u), v), sf64_sub(vec2<u32>(0x3ff00000u, 0x00000000u), sf64_mul(f_t, f_t))), vec2<u32>(0x3fe98845u, 0x33d43651u)), sf64_add(vec2<u32>(0x3ff00000u, 0x00000000u), sf64_mul(vec2<u32>(0x3fc12ba9u, 0xd1f60179u), sf64_mul(v, v)))));
  dy[i] = sf64_to_p32(sf64_mul(f, p32_to_sf64(dx[i])));
}

// ==== t25-dense-narrow.wgsl: t25-dense-narrow, t34-dense-narrow, t39-dense-narrow
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> w: array<u32>;
@group(0) @binding(2) var<storage, read> dx: array<u32>;
@group(0) @binding(3) var<storage, read_write> dy: array<u32>;

const TN = 64u;
const TB = 1u;
const TK = 32u;
var<workgroup> wt: array<u32, 2048>;
var<workgroup> xt: array<u32, 32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let NIN = run.dims.x;
  let NOUT = run.dims.y;
  let j0 = wg.x * TN;
  let b0 = wg.y * TB;
  let jl = t % 64u;
  let bl = t / 64u;
  let nb = min(TB, run.batch - min(b0, run.batch));
  let oj0 = j0 + jl;
  let sb0 = b0 + bl;
  var acc0_0: Quire;
  q_clear(&acc0_0);
  for (var k0 = 0u; k0 < NIN; k0 += TK) {
    for (var e = t; e < 2048u; e += 64u) {
      let row = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (j0 + row < NOUT && k < NIN) {
        v = w[(j0 + row) * NIN + k];
      }
      wt[(e % TK) * TN + row] = v;
    }
    for (var e = t; e < 32u; e += 64u) {
      let r = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (r < nb && k < NIN) {
        v = dx[(b0 + r) * NIN + k];
      }
      xt[e] = v;
    }
    workgroupBarrier();
    let kn = min(TK, NIN - k0);
    for (var c = 0u; c < kn; c++) {
      let w0 = wt[c * TN + jl];
      if (sb0 < run.batch) {
        let x0 = xt[(bl) * TK + c];
        q_fma(&acc0_0, w0, x0);
      }
    }
    workgroupBarrier();
  }
  if (oj0 < NOUT && sb0 < run.batch) {
    dy[sb0 * NOUT + oj0] = q_to_p32(&acc0_0);
  }
}

// ==== t25-dense-wide.wgsl: t25-dense-wide, t34-dense-wide, t39-dense-wide
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> w: array<u32>;
@group(0) @binding(2) var<storage, read> dx: array<u32>;
@group(0) @binding(3) var<storage, read_write> dy: array<u32>;

const TN = 64u;
const TB = 4u;
const TK = 32u;
var<workgroup> wt: array<u32, 2048>;
var<workgroup> xt: array<u32, 128>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let NIN = run.dims.x;
  let NOUT = run.dims.y;
  let j0 = wg.x * TN;
  let b0 = wg.y * TB;
  let jl = t % 64u;
  let bl = t / 64u;
  let nb = min(TB, run.batch - min(b0, run.batch));
  let oj0 = j0 + jl;
  let sb0 = b0 + bl * 4u;
  let sb1 = b0 + bl * 4u + 1u;
  let sb2 = b0 + bl * 4u + 2u;
  let sb3 = b0 + bl * 4u + 3u;
  var acc0_0: Quire;
  var acc0_1: Quire;
  var acc0_2: Quire;
  var acc0_3: Quire;
  q_clear(&acc0_0);
  q_clear(&acc0_1);
  q_clear(&acc0_2);
  q_clear(&acc0_3);
  for (var k0 = 0u; k0 < NIN; k0 += TK) {
    for (var e = t; e < 2048u; e += 64u) {
      let row = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (j0 + row < NOUT && k < NIN) {
        v = w[(j0 + row) * NIN + k];
      }
      wt[(e % TK) * TN + row] = v;
    }
    for (var e = t; e < 128u; e += 64u) {
      let r = e / TK;
      let k = k0 + e % TK;
      var v = 0u;
      if (r < nb && k < NIN) {
        v = dx[(b0 + r) * NIN + k];
      }
      xt[e] = v;
    }
    workgroupBarrier();
    let kn = min(TK, NIN - k0);
    for (var c = 0u; c < kn; c++) {
      let w0 = wt[c * TN + jl];
      if (sb0 < run.batch) {
        let x0 = xt[(bl * 4u) * TK + c];
        q_fma(&acc0_0, w0, x0);
      }
      if (sb1 < run.batch) {
        let x1 = xt[(bl * 4u + 1u) * TK + c];
        q_fma(&acc0_1, w0, x1);
      }
      if (sb2 < run.batch) {
        let x2 = xt[(bl * 4u + 2u) * TK + c];
        q_fma(&acc0_2, w0, x2);
      }
      if (sb3 < run.batch) {
        let x3 = xt[(bl * 4u + 3u) * TK + c];
        q_fma(&acc0_3, w0, x3);
      }
    }
    workgroupBarrier();
  }
  if (oj0 < NOUT && sb0 < run.batch) {
    dy[sb0 * NOUT + oj0] = q_to_p32(&acc0_0);
  }
  if (oj0 < NOUT && sb1 < run.batch) {
    dy[sb1 * NOUT + oj0] = q_to_p32(&acc0_1);
  }
  if (oj0 < NOUT && sb2 < run.batch) {
    dy[sb2 * NOUT + oj0] = q_to_p32(&acc0_2);
  }
  if (oj0 < NOUT && sb3 < run.batch) {
    dy[sb3 * NOUT + oj0] = q_to_p32(&acc0_3);
  }
}

// ==== t26-gate.wgsl: t26-gate
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> dz: array<u32>;
@group(0) @binding(2) var<storage, read> z: array<u32>;
@group(0) @binding(3) var<storage, read_write> dy: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let N = run.dims.x;
  let col = gid.x;
  let b = gid.y;
  if (col >= N || b >= run.batch) {
    return;
  }
  let i = b * N + col;
  let zv = p32_to_sf64(z[i]);
  let sv = sf64_sigmoid(zv);
  var factor = sf64_mul(sv, sf64_sub(vec2<u32>(0x3ff00000u, 0x00000000u), sv));
  dy[i] = sf64_to_p32(sf64_mul(factor, p32_to_sf64(dz[i])));
}

// ==== t27-mul.wgsl: t27-mul, t36-mul
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> da: array<u32>;
@group(0) @binding(2) var<storage, read> bb: array<u32>;
@group(0) @binding(3) var<storage, read> a: array<u32>;
@group(0) @binding(4) var<storage, read> db: array<u32>;
@group(0) @binding(5) var<storage, read_write> dy: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let N = run.dims.x;
  let col = gid.x;
  let b = gid.y;
  if (col >= N || b >= run.batch) {
    return;
  }
  let i = b * N + col;
  var acc: Quire;
  q_clear(&acc);
  q_fma(&acc, da[i], bb[i]);
  q_fma(&acc, a[i], db[i]);
  dy[i] = q_to_p32(&acc);
}

// ==== t31-activation.wgsl: t31-activation
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> dx: array<u32>;
@group(0) @binding(2) var<storage, read> x: array<u32>;
@group(0) @binding(3) var<storage, read_write> dy: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let N = run.dims.x;
  let col = gid.x;
  let b = gid.y;
  if (col >= N || b >= run.batch) {
    return;
  }
  let i = b * N + col;
  let v = p32_to_sf64(x[i]);
  let f_t = sf64_tanh(v);
  let f = sf64_sub(vec2<u32>(0x3ff00000u, 0x00000000u), sf64_mul(f_t, f_t));
  dy[i] = sf64_to_p32(sf64_mul(f, p32_to_sf64(dx[i])));
}

// ==== t35-gate.wgsl: t35-gate
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> dz: array<u32>;
@group(0) @binding(2) var<storage, read> z: array<u32>;
@group(0) @binding(3) var<storage, read_write> dy: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let N = run.dims.x;
  let col = gid.x;
  let b = gid.y;
  if (col >= N || b >= run.batch) {
    return;
  }
  let i = b * N + col;
  let zv = p32_to_sf64(z[i]);
  let soft = run.hard == 0u;
  let sv = sf64_sigmoid(select(zv, sf64_div(sf64_sub(zv, run.center64), run.temp64), soft));
  var factor = sf64_mul(sv, sf64_sub(vec2<u32>(0x3ff00000u, 0x00000000u), sv));
  if (soft) {
    factor = sf64_div(factor, run.temp64);
  }
  dy[i] = sf64_to_p32(sf64_mul(factor, p32_to_sf64(dz[i])));
}

// ==== t40-softmax.wgsl: t40-softmax
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> dx: array<u32>;
@group(0) @binding(2) var<storage, read> x: array<u32>;
@group(0) @binding(3) var<storage, read_write> dy: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let C = run.dims.x;
  let b = gid.x;
  if (b >= run.batch) {
    return;
  }
  let base = b * C;
  var dot = vec2<u32>(0x00000000u, 0x00000000u);
  var m = vec2<u32>(0xfff00000u, 0x00000000u);
  for (var k = 0u; k < C; k++) {
    let v = p32_to_sf64(x[base + k]);
    if (sf64_is_nan(v)) {
      m = v;
      break;
    }
    if (sf64_gt(v, m)) {
      m = v;
    }
  }
  var s = vec2<u32>(0x00000000u, 0x00000000u);
  for (var it = 0u; it < 3u * C; it++) {
    let phase = it / C;
    let k = it % C;
    let e = sf64_exp(sf64_sub(p32_to_sf64(x[base + k]), m));
    if (phase == 0u) {
      s = sf64_add(s, e);
    } else {
      let p = sf64_div(e, s);
      if (phase == 1u) {
        dot = sf64_add(dot, sf64_mul(p, p32_to_sf64(dx[base + k])));
      } else if (phase == 2u) {
        dy[base + k] = sf64_to_p32(sf64_mul(p, sf64_sub(p32_to_sf64(dx[base + k]), dot)));
      }
    }
  }
}

// ==== t44-crossentropy.wgsl: t44-crossentropy
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> dz: array<u32>;
@group(0) @binding(2) var<storage, read> z: array<u32>;
@group(0) @binding(3) var<storage, read> labels: array<u32>;
@group(0) @binding(4) var<storage, read_write> dy: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let C = run.dims.x;
  let b = gid.x;
  if (b >= run.batch) {
    return;
  }
  let base = b * C;
  var acc = vec2<u32>(0x00000000u, 0x00000000u);
  var m = vec2<u32>(0xfff00000u, 0x00000000u);
  for (var k = 0u; k < C; k++) {
    let v = p32_to_sf64(z[base + k]);
    if (sf64_is_nan(v)) {
      m = v;
      break;
    }
    if (sf64_gt(v, m)) {
      m = v;
    }
  }
  var s = vec2<u32>(0x00000000u, 0x00000000u);
  for (var it = 0u; it < 2u * C; it++) {
    let phase = it / C;
    let k = it % C;
    let e = sf64_exp(sf64_sub(p32_to_sf64(z[base + k]), m));
    if (phase == 0u) {
      s = sf64_add(s, e);
    } else {
      let p = sf64_div(e, s);
      if (phase == 1u) {
        acc = sf64_add(acc, sf64_mul(sf64_sub(p, select(vec2<u32>(0x00000000u, 0x00000000u), vec2<u32>(0x3ff00000u, 0x00000000u), k == labels[b])), p32_to_sf64(dz[base + k])));
      }
    }
  }
  dy[b] = sf64_to_p32(acc);
}

// ==== t45-mean.wgsl: t45-mean
struct Run {
  batch: u32,
  hard: u32,
  center32: f32,
  temp32: f32,
  center64: vec2<u32>,
  temp64: vec2<u32>,
  dims: vec4<u32>,
}

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> dx: array<u32>;
@group(0) @binding(2) var<storage, read_write> dy: array<u32>;

@compute @workgroup_size(1)
fn main() {
  var acc: Quire;
  q_clear(&acc);
  for (var b = 0u; b < run.batch; b++) {
    q_add_posit(&acc, dx[b]);
  }
  dy[0] = q_to_p32_div(&acc, run.batch);
}

// ==== dispatch order: kernel (batches) dims [..] grid (x, y) bindings
// 4-dense-narrow (B >= 1) dims [784, 512] grid (8, ceil(B/1)) w=v2 x=v0 bias=v3 y=v4
// 4-dense-wide (B >= 4) dims [784, 512] grid (8, ceil(B/4)) w=v2 x=v0 bias=v3 y=v4
// 5-activation dims [512] grid (8, ceil(B/1)) x=v4 y=v5
// 8-dense-narrow (B >= 1) dims [512, 256] grid (4, ceil(B/1)) w=v6 x=v5 bias=v7 y=v8
// 8-dense-wide (B >= 4) dims [512, 256] grid (4, ceil(B/4)) w=v6 x=v5 bias=v7 y=v8
// 9-activation dims [256] grid (4, ceil(B/1)) x=v8 y=v9
// 12-dense-narrow (B >= 1) dims [256, 256] grid (4, ceil(B/1)) w=v10 x=v9 bias=v11 y=v12
// 12-dense-wide (B >= 4) dims [256, 256] grid (4, ceil(B/4)) w=v10 x=v9 bias=v11 y=v12
// 13-activation dims [256] grid (4, ceil(B/1)) x=v12 y=v13
// 16-dense-narrow (B >= 1) dims [256, 256] grid (4, ceil(B/1)) w=v14 x=v9 bias=v15 y=v16
// 16-dense-wide (B >= 4) dims [256, 256] grid (4, ceil(B/4)) w=v14 x=v9 bias=v15 y=v16
// 17-gate dims [256] grid (4, ceil(B/1)) z=v16 m=v17 relaxed=r17
// 18-mul dims [256] grid (4, ceil(B/1)) a=v13 bb=v17 y=v18
// 21-dense-narrow (B >= 1) dims [256, 128] grid (2, ceil(B/1)) w=v19 x=v18 bias=v20 y=v21
// 21-dense-wide (B >= 4) dims [256, 128] grid (2, ceil(B/4)) w=v19 x=v18 bias=v20 y=v21
// 22-activation dims [128] grid (2, ceil(B/1)) x=v21 y=v22
// 25-dense-narrow (B >= 1) dims [256, 128] grid (2, ceil(B/1)) w=v23 x=v18 bias=v24 y=v25
// 25-dense-wide (B >= 4) dims [256, 128] grid (2, ceil(B/4)) w=v23 x=v18 bias=v24 y=v25
// 26-gate dims [128] grid (2, ceil(B/1)) z=v25 m=v26
// 27-mul dims [128] grid (2, ceil(B/1)) a=v22 bb=v26 y=v27
// 30-dense-narrow (B >= 1) dims [128, 64] grid (1, ceil(B/1)) w=v28 x=v27 bias=v29 y=v30
// 30-dense-wide (B >= 4) dims [128, 64] grid (1, ceil(B/4)) w=v28 x=v27 bias=v29 y=v30
// 31-activation dims [64] grid (1, ceil(B/1)) x=v30 y=v31
// 34-dense-narrow (B >= 1) dims [128, 64] grid (1, ceil(B/1)) w=v32 x=v27 bias=v33 y=v34
// 34-dense-wide (B >= 4) dims [128, 64] grid (1, ceil(B/4)) w=v32 x=v27 bias=v33 y=v34
// 35-gate dims [64] grid (1, ceil(B/1)) z=v34 m=v35 relaxed=r35
// 36-mul dims [64] grid (1, ceil(B/1)) a=v31 bb=v35 y=v36
// 39-dense-narrow (B >= 1) dims [64, 10] grid (1, ceil(B/1)) w=v37 x=v36 bias=v38 y=v39
// 39-dense-wide (B >= 4) dims [64, 10] grid (1, ceil(B/4)) w=v37 x=v36 bias=v38 y=v39
// 40-softmax dims [10] grid (ceil(B/64), 1) x=v39 y=v40
// 44-crossentropy dims [10] grid (ceil(B/64), 1) z=v39 labels=v43 y=v44
// 45-mean dims [] grid (1, 1) x=v44 y=v45
// t12-dense-narrow (B >= 1) dims [256, 256] grid (4, ceil(B/1)) db=t11 dw=t10 xp=v9 gate0=v17 dy=t12
// t12-dense-wide (B >= 4) dims [256, 256] grid (4, ceil(B/4)) db=t11 dw=t10 xp=v9 gate0=v17 dy=t12
// t13-activation dims [256] grid (4, ceil(B/1)) dx=t12 x=v12 dy=t13
// t18-mul dims [256] grid (4, ceil(B/1)) da=t13 bb=r17 dy=t18
// t21-dense-narrow (B >= 1) dims [256, 128] grid (2, ceil(B/1)) db=t20 w=v19 dx=t18 dw=t19 xp=v18 gate0=v26 dy=t21
// t21-dense-wide (B >= 4) dims [256, 128] grid (2, ceil(B/4)) db=t20 w=v19 dx=t18 dw=t19 xp=v18 gate0=v26 dy=t21
// t22-activation dims [128] grid (2, ceil(B/1)) dx=t21 x=v21 dy=t22
// t25-dense-narrow (B >= 1) dims [256, 128] grid (2, ceil(B/1)) w=v23 dx=t18 dy=t25
// t25-dense-wide (B >= 4) dims [256, 128] grid (2, ceil(B/4)) w=v23 dx=t18 dy=t25
// t26-gate dims [128] grid (2, ceil(B/1)) dz=t25 z=v25 dy=t26
// t27-mul dims [128] grid (2, ceil(B/1)) da=t22 bb=v26 a=v22 db=t26 dy=t27
// t30-dense-narrow (B >= 1) dims [128, 64] grid (1, ceil(B/1)) db=t29 w=v28 dx=t27 dw=t28 xp=v27 gate0=v35 dy=t30
// t30-dense-wide (B >= 4) dims [128, 64] grid (1, ceil(B/4)) db=t29 w=v28 dx=t27 dw=t28 xp=v27 gate0=v35 dy=t30
// t31-activation dims [64] grid (1, ceil(B/1)) dx=t30 x=v30 dy=t31
// t34-dense-narrow (B >= 1) dims [128, 64] grid (1, ceil(B/1)) w=v32 dx=t27 dy=t34
// t34-dense-wide (B >= 4) dims [128, 64] grid (1, ceil(B/4)) w=v32 dx=t27 dy=t34
// t35-gate dims [64] grid (1, ceil(B/1)) dz=t34 z=v34 dy=t35
// t36-mul dims [64] grid (1, ceil(B/1)) da=t31 bb=r35 a=v31 db=t35 dy=t36
// t39-dense-narrow (B >= 1) dims [64, 10] grid (1, ceil(B/1)) w=v37 dx=t36 dy=t39
// t39-dense-wide (B >= 4) dims [64, 10] grid (1, ceil(B/4)) w=v37 dx=t36 dy=t39
// t40-softmax dims [10] grid (ceil(B/64), 1) dx=t39 x=v39 dy=t40
// t44-crossentropy dims [10] grid (ceil(B/64), 1) dz=t39 z=v39 labels=v43 dy=t44
// t45-mean dims [] grid (1, 1) dx=t44 dy=t45
