// moe_top1 in posit32: 45 kernels, 26 distinct; library: posit32 + quire32 + quire division + soft f64 (elided)

// ==== 3-dense-narrow.wgsl: 3-dense-narrow, 7-dense-narrow, 12-dense-narrow, 16-dense-narrow, 20-dense-narrow, 24-dense-narrow, 29-dense-narrow
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

// ==== 3-dense-wide.wgsl: 3-dense-wide, 7-dense-wide, 12-dense-wide, 16-dense-wide, 20-dense-wide, 24-dense-wide, 29-dense-wide
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

// ==== 4-activation.wgsl: 4-activation, 13-activation, 17-activation, 21-activation, 25-activation
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

// ==== 8-softmax.wgsl: 8-softmax
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

// ==== 9-top1.wgsl: 9-top1
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
  var best = 0u;
  for (var k = 1u; k < C; k++) {
    if ((x[base + k] != P32_NAR && (x[base + best] == P32_NAR || bitcast<i32>(x[base + k]) > bitcast<i32>(x[base + best])))) {
      best = k;
    }
  }
  for (var k = 0u; k < C; k++) {
    y[base + k] = select(0u, x[base + k], k == best);
  }
}

// ==== 26-combine.wgsl: 26-combine
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
@group(0) @binding(2) var<storage, read> e0: array<u32>;
@group(0) @binding(3) var<storage, read> e1: array<u32>;
@group(0) @binding(4) var<storage, read> e2: array<u32>;
@group(0) @binding(5) var<storage, read> e3: array<u32>;
@group(0) @binding(6) var<storage, read_write> y: array<u32>;

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
  q_fma(&acc, w[b * 4u + 0u], e0[i]);
  q_fma(&acc, w[b * 4u + 1u], e1[i]);
  q_fma(&acc, w[b * 4u + 2u], e2[i]);
  q_fma(&acc, w[b * 4u + 3u], e3[i]);
  y[i] = q_to_p32(&acc);
}

// ==== 32-crossentropy.wgsl: 32-crossentropy
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

// ==== 33-mean.wgsl: 33-mean
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

// ==== t7-dense-narrow.wgsl: t7-dense-narrow
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
@group(0) @binding(4) var<storage, read_write> dy: array<u32>;

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
    q_add_posit(&acc0_0, db[oj0]);
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
        q_fma(&acc0_0, w0, x0);
      }
    }
    workgroupBarrier();
  }
  if (oj0 < NOUT && sb0 < run.batch) {
    dy[sb0 * NOUT + oj0] = q_to_p32(&acc0_0);
  }
}

// ==== t7-dense-wide.wgsl: t7-dense-wide
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
@group(0) @binding(4) var<storage, read_write> dy: array<u32>;

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
    q_add_posit(&acc0_0, db[oj0]);
  }
  q_clear(&acc0_1);
  if (oj0 < NOUT && sb1 < run.batch) {
    q_add_posit(&acc0_1, db[oj0]);
  }
  q_clear(&acc0_2);
  if (oj0 < NOUT && sb2 < run.batch) {
    q_add_posit(&acc0_2, db[oj0]);
  }
  q_clear(&acc0_3);
  if (oj0 < NOUT && sb3 < run.batch) {
    q_add_posit(&acc0_3, db[oj0]);
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

// ==== t8-softmax.wgsl: t8-softmax
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

// ==== t9-top1.wgsl: t9-top1
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
  var best = 0u;
  for (var k = 1u; k < C; k++) {
    if ((x[base + k] != P32_NAR && (x[base + best] == P32_NAR || bitcast<i32>(x[base + k]) > bitcast<i32>(x[base + best])))) {
      best = k;
    }
  }
  for (var k = 0u; k < C; k++) {
    dy[base + k] = select(0u, dx[base + k], k == best);
  }
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
@group(0) @binding(4) var<storage, read> route0: array<u32>;
@group(0) @binding(5) var<storage, read_write> dy: array<u32>;

const TN = 64u;
const TB = 1u;
const TK = 32u;
var<workgroup> wt: array<u32, 2048>;
var<workgroup> xt: array<u32, 32>;

fn inactive(b: u32, j: u32) -> bool {
  let NOUT = run.dims.y;
  return route0[b * 4u + 0u] == 0u;
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
@group(0) @binding(4) var<storage, read> route0: array<u32>;
@group(0) @binding(5) var<storage, read_write> dy: array<u32>;

const TN = 64u;
const TB = 4u;
const TK = 32u;
var<workgroup> wt: array<u32, 2048>;
var<workgroup> xt: array<u32, 128>;

fn inactive(b: u32, j: u32) -> bool {
  let NOUT = run.dims.y;
  return route0[b * 4u + 0u] == 0u;
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

// ==== t13-activation.wgsl: t13-activation, t17-activation, t21-activation, t25-activation
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

// ==== t16-dense-narrow.wgsl: t16-dense-narrow
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
@group(0) @binding(4) var<storage, read> route0: array<u32>;
@group(0) @binding(5) var<storage, read_write> dy: array<u32>;

const TN = 64u;
const TB = 1u;
const TK = 32u;
var<workgroup> wt: array<u32, 2048>;
var<workgroup> xt: array<u32, 32>;

fn inactive(b: u32, j: u32) -> bool {
  let NOUT = run.dims.y;
  return route0[b * 4u + 1u] == 0u;
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

// ==== t16-dense-wide.wgsl: t16-dense-wide
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
@group(0) @binding(4) var<storage, read> route0: array<u32>;
@group(0) @binding(5) var<storage, read_write> dy: array<u32>;

const TN = 64u;
const TB = 4u;
const TK = 32u;
var<workgroup> wt: array<u32, 2048>;
var<workgroup> xt: array<u32, 128>;

fn inactive(b: u32, j: u32) -> bool {
  let NOUT = run.dims.y;
  return route0[b * 4u + 1u] == 0u;
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

// ==== t20-dense-narrow.wgsl: t20-dense-narrow
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
@group(0) @binding(4) var<storage, read> route0: array<u32>;
@group(0) @binding(5) var<storage, read_write> dy: array<u32>;

const TN = 64u;
const TB = 1u;
const TK = 32u;
var<workgroup> wt: array<u32, 2048>;
var<workgroup> xt: array<u32, 32>;

fn inactive(b: u32, j: u32) -> bool {
  let NOUT = run.dims.y;
  return route0[b * 4u + 2u] == 0u;
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

// ==== t20-dense-wide.wgsl: t20-dense-wide
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
@group(0) @binding(4) var<storage, read> route0: array<u32>;
@group(0) @binding(5) var<storage, read_write> dy: array<u32>;

const TN = 64u;
const TB = 4u;
const TK = 32u;
var<workgroup> wt: array<u32, 2048>;
var<workgroup> xt: array<u32, 128>;

fn inactive(b: u32, j: u32) -> bool {
  let NOUT = run.dims.y;
  return route0[b * 4u + 2u] == 0u;
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

// ==== t24-dense-narrow.wgsl: t24-dense-narrow
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
@group(0) @binding(4) var<storage, read> route0: array<u32>;
@group(0) @binding(5) var<storage, read_write> dy: array<u32>;

const TN = 64u;
const TB = 1u;
const TK = 32u;
var<workgroup> wt: array<u32, 2048>;
var<workgroup> xt: array<u32, 32>;

fn inactive(b: u32, j: u32) -> bool {
  let NOUT = run.dims.y;
  return route0[b * 4u + 3u] == 0u;
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

// ==== t24-dense-wide.wgsl: t24-dense-wide
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
@group(0) @binding(4) var<storage, read> route0: array<u32>;
@group(0) @binding(5) var<storage, read_write> dy: array<u32>;

const TN = 64u;
const TB = 4u;
const TK = 32u;
var<workgroup> wt: array<u32, 2048>;
var<workgroup> xt: array<u32, 128>;

fn inactive(b: u32, j: u32) -> bool {
  let NOUT = run.dims.y;
  return route0[b * 4u + 3u] == 0u;
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

// ==== t26-combine.wgsl: t26-combine
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
@group(0) @binding(1) var<storage, read> dw: array<u32>;
@group(0) @binding(2) var<storage, read> w: array<u32>;
@group(0) @binding(3) var<storage, read> e0: array<u32>;
@group(0) @binding(4) var<storage, read> de0: array<u32>;
@group(0) @binding(5) var<storage, read> e1: array<u32>;
@group(0) @binding(6) var<storage, read> de1: array<u32>;
@group(0) @binding(7) var<storage, read> e2: array<u32>;
@group(0) @binding(8) var<storage, read> de2: array<u32>;
@group(0) @binding(9) var<storage, read> e3: array<u32>;
@group(0) @binding(10) var<storage, read> de3: array<u32>;
@group(0) @binding(11) var<storage, read_write> dy: array<u32>;

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
  q_fma(&acc, dw[b * 4u + 0u], e0[i]);
  q_fma(&acc, w[b * 4u + 0u], de0[i]);
  q_fma(&acc, dw[b * 4u + 1u], e1[i]);
  q_fma(&acc, w[b * 4u + 1u], de1[i]);
  q_fma(&acc, dw[b * 4u + 2u], e2[i]);
  q_fma(&acc, w[b * 4u + 2u], de2[i]);
  q_fma(&acc, dw[b * 4u + 3u], e3[i]);
  q_fma(&acc, w[b * 4u + 3u], de3[i]);
  dy[i] = q_to_p32(&acc);
}

// ==== t29-dense-narrow.wgsl: t29-dense-narrow
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

// ==== t29-dense-wide.wgsl: t29-dense-wide
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

// ==== t32-crossentropy.wgsl: t32-crossentropy
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

// ==== t33-mean.wgsl: t33-mean
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
// 3-dense-narrow (B >= 1) dims [784, 256] grid (4, ceil(B/1)) w=v1 x=v0 bias=v2 y=v3
// 3-dense-wide (B >= 4) dims [784, 256] grid (4, ceil(B/4)) w=v1 x=v0 bias=v2 y=v3
// 4-activation dims [256] grid (4, ceil(B/1)) x=v3 y=v4
// 7-dense-narrow (B >= 1) dims [256, 4] grid (1, ceil(B/1)) w=v5 x=v4 bias=v6 y=v7
// 7-dense-wide (B >= 4) dims [256, 4] grid (1, ceil(B/4)) w=v5 x=v4 bias=v6 y=v7
// 8-softmax dims [4] grid (ceil(B/64), 1) x=v7 y=v8
// 9-top1 dims [4] grid (ceil(B/64), 1) x=v8 y=v9
// 12-dense-narrow (B >= 1) dims [256, 256] grid (4, ceil(B/1)) w=v10 x=v4 bias=v11 y=v12
// 12-dense-wide (B >= 4) dims [256, 256] grid (4, ceil(B/4)) w=v10 x=v4 bias=v11 y=v12
// 13-activation dims [256] grid (4, ceil(B/1)) x=v12 y=v13
// 16-dense-narrow (B >= 1) dims [256, 256] grid (4, ceil(B/1)) w=v14 x=v4 bias=v15 y=v16
// 16-dense-wide (B >= 4) dims [256, 256] grid (4, ceil(B/4)) w=v14 x=v4 bias=v15 y=v16
// 17-activation dims [256] grid (4, ceil(B/1)) x=v16 y=v17
// 20-dense-narrow (B >= 1) dims [256, 256] grid (4, ceil(B/1)) w=v18 x=v4 bias=v19 y=v20
// 20-dense-wide (B >= 4) dims [256, 256] grid (4, ceil(B/4)) w=v18 x=v4 bias=v19 y=v20
// 21-activation dims [256] grid (4, ceil(B/1)) x=v20 y=v21
// 24-dense-narrow (B >= 1) dims [256, 256] grid (4, ceil(B/1)) w=v22 x=v4 bias=v23 y=v24
// 24-dense-wide (B >= 4) dims [256, 256] grid (4, ceil(B/4)) w=v22 x=v4 bias=v23 y=v24
// 25-activation dims [256] grid (4, ceil(B/1)) x=v24 y=v25
// 26-combine dims [256] grid (4, ceil(B/1)) w=v9 e0=v13 e1=v17 e2=v21 e3=v25 y=v26
// 29-dense-narrow (B >= 1) dims [256, 10] grid (1, ceil(B/1)) w=v27 x=v26 bias=v28 y=v29
// 29-dense-wide (B >= 4) dims [256, 10] grid (1, ceil(B/4)) w=v27 x=v26 bias=v28 y=v29
// 32-crossentropy dims [10] grid (ceil(B/64), 1) z=v29 labels=v31 y=v32
// 33-mean dims [] grid (1, 1) x=v32 y=v33
// t7-dense-narrow (B >= 1) dims [256, 4] grid (1, ceil(B/1)) db=t6 dw=t5 xp=v4 dy=t7
// t7-dense-wide (B >= 4) dims [256, 4] grid (1, ceil(B/4)) db=t6 dw=t5 xp=v4 dy=t7
// t8-softmax dims [4] grid (ceil(B/64), 1) dx=t7 x=v7 dy=t8
// t9-top1 dims [4] grid (ceil(B/64), 1) dx=t8 x=v8 dy=t9
// t12-dense-narrow (B >= 1) dims [256, 256] grid (4, ceil(B/1)) db=t11 dw=t10 xp=v4 route0=v9 dy=t12
// t12-dense-wide (B >= 4) dims [256, 256] grid (4, ceil(B/4)) db=t11 dw=t10 xp=v4 route0=v9 dy=t12
// t13-activation dims [256] grid (4, ceil(B/1)) dx=t12 x=v12 dy=t13
// t16-dense-narrow (B >= 1) dims [256, 256] grid (4, ceil(B/1)) db=t15 dw=t14 xp=v4 route0=v9 dy=t16
// t16-dense-wide (B >= 4) dims [256, 256] grid (4, ceil(B/4)) db=t15 dw=t14 xp=v4 route0=v9 dy=t16
// t17-activation dims [256] grid (4, ceil(B/1)) dx=t16 x=v16 dy=t17
// t20-dense-narrow (B >= 1) dims [256, 256] grid (4, ceil(B/1)) db=t19 dw=t18 xp=v4 route0=v9 dy=t20
// t20-dense-wide (B >= 4) dims [256, 256] grid (4, ceil(B/4)) db=t19 dw=t18 xp=v4 route0=v9 dy=t20
// t21-activation dims [256] grid (4, ceil(B/1)) dx=t20 x=v20 dy=t21
// t24-dense-narrow (B >= 1) dims [256, 256] grid (4, ceil(B/1)) db=t23 dw=t22 xp=v4 route0=v9 dy=t24
// t24-dense-wide (B >= 4) dims [256, 256] grid (4, ceil(B/4)) db=t23 dw=t22 xp=v4 route0=v9 dy=t24
// t25-activation dims [256] grid (4, ceil(B/1)) dx=t24 x=v24 dy=t25
// t26-combine dims [256] grid (4, ceil(B/1)) dw=t9 w=v8 e0=v13 de0=t13 e1=v17 de1=t17 e2=v21 de2=t21 e3=v25 de3=t25 dy=t26
// t29-dense-narrow (B >= 1) dims [256, 10] grid (1, ceil(B/1)) w=v27 dx=t26 dy=t29
// t29-dense-wide (B >= 4) dims [256, 10] grid (1, ceil(B/4)) w=v27 dx=t26 dy=t29
// t32-crossentropy dims [10] grid (ceil(B/64), 1) dz=t29 z=v29 labels=v31 dy=t32
// t33-mean dims [] grid (1, 1) dx=t32 dy=t33
