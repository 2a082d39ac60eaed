/**
 * The plot's arrows (shaft + cone head), the three.js objects that move during a drag: a plain
 * class, updated in place, so a drag allocates nothing (scratch objects live at module scope).
 */
import {
  BackSide,
  Color,
  ConeGeometry,
  CylinderGeometry,
  DynamicDrawUsage,
  Group,
  InstancedBufferAttribute,
  InstancedMesh,
  Matrix4,
  MeshBasicMaterial,
  Quaternion,
  Vector3,
  type BufferGeometry,
} from 'three';
import { needsCasingIn, plotColor, readableFor, type Theme } from '../view/colors';
import { getThemeState, subscribeTheme } from '../app/theme';

const UP = new Vector3(0, 1, 0);
const _dir = new Vector3();
const _q = new Quaternion();
const _p = new Vector3();
const _s = new Vector3();
const _shaft = new Matrix4();
const _head = new Matrix4();
const _from = new Vector3();
const _to = new Vector3();
/** Numbers recorded per placed arrow: index, from (3), to (3), radius, head length and radius, opacity. */
const ARGS = 11;

/** Unit shaft (radius 1, height 1 from y = 0 to 1) and head (radius 1 at y = 0, tip at y = 1). */
function arrowGeometries(): { shaft: BufferGeometry; head: BufferGeometry } {
  const shaft = new CylinderGeometry(1, 1, 1, 12, 1, false);
  shaft.translate(0, 0.5, 0);
  const head = new ConeGeometry(1, 1, 20, 1, false);
  head.translate(0, 0.5, 0);
  return { shaft, head };
}

/**
 * One kind of arrow part pair (shafts and heads sharing a material), drawn as instances: two draw
 * calls for any number of arrows. With software-rendered graphics each draw call has a fixed cost
 * in the GPU process; the 64-token playground's 170 arrow meshes took 14 ms of it a frame.
 */
class Parts {
  readonly shaft: InstancedMesh;
  readonly head: InstancedMesh;
  count = 0;

  constructor(
    g: { shaft: BufferGeometry; head: BufferGeometry },
    readonly material: MeshBasicMaterial,
    capacity: number,
  ) {
    const mesh = (geometry: BufferGeometry) => {
      const m = new InstancedMesh(geometry, material, capacity);
      m.instanceMatrix.setUsage(DynamicDrawUsage);
      // Created now, so the first program compiled already reads per-arrow colours.
      m.instanceColor = new InstancedBufferAttribute(new Float32Array(capacity * 3), 3);
      m.instanceColor.setUsage(DynamicDrawUsage);
      m.count = 0;
      // The instances move without the mesh knowing; its bounds would be stale.
      m.frustumCulled = false;
      return m;
    };
    this.shaft = mesh(g.shaft);
    this.head = mesh(g.head);
  }

  put(shaft: Matrix4, head: Matrix4, color: Color) {
    const k = this.count++;
    this.shaft.setMatrixAt(k, shaft);
    this.head.setMatrixAt(k, head);
    this.shaft.setColorAt(k, color);
    this.head.setColorAt(k, color);
  }

  finish() {
    for (const m of [this.shaft, this.head]) {
      m.count = this.count;
      m.instanceMatrix.needsUpdate = true;
      m.instanceColor!.needsUpdate = true;
    }
  }

  dispose() {
    this.shaft.dispose();
    this.head.dispose();
    this.material.dispose();
  }
}

/**
 * A translucent material whose opacity is set per instance (attribute `instanceOpacity`), which
 * three.js's instancing does not offer: its instance colours are RGB only.
 */
function perInstanceOpacity(material: MeshBasicMaterial) {
  material.onBeforeCompile = (shader) => {
    shader.vertexShader = shader.vertexShader
      .replace(
        'void main() {',
        'attribute float instanceOpacity;\nvarying float vOpacity;\nvoid main() {',
      )
      .replace('#include <begin_vertex>', '#include <begin_vertex>\n\tvOpacity = instanceOpacity;');
    shader.fragmentShader = shader.fragmentShader
      .replace('void main() {', 'varying float vOpacity;\nvoid main() {')
      .replace(
        '#include <color_fragment>',
        '#include <color_fragment>\n\tdiffuseColor.a *= vOpacity;',
      );
  };
  material.customProgramCacheKey = () => 'instance-opacity';
}

/**
 * Arrows from one point to another, each in one flat colour (matplotlib's quiver colours are
 * unlit), all drawn as instances. In the light theme a colour too light to stand out from the
 * white panel (WCAG 1.4.11's 3:1) gets a darker rim: a slightly larger copy drawn from the inside
 * (back faces), which shows only around the silhouette. In the dark theme colours too dark for
 * the panel are lightened instead (`plotColor`). The set follows theme switches by itself until
 * `dispose`.
 *
 * Each change places every arrow again: `begin()`, then `place` for each arrow to draw (in the
 * order given, which is also the order translucent arrows blend in), then `end()`. Arrows not
 * placed are not drawn.
 */
export class ArrowSet {
  readonly group = new Group();
  /** How many arrows it draws at most: one per colour. */
  readonly size: number;
  private readonly colors: readonly string[];
  private readonly fill: Color[];
  private readonly rimColor: (Color | null)[];
  private readonly opaque: Parts;
  private readonly translucent: Parts;
  private readonly rim: Parts;
  private readonly opacity: InstancedBufferAttribute;
  private readonly geometries: { shaft: BufferGeometry; head: BufferGeometry };
  private readonly unsubscribe: () => void;
  /** The arrows placed since `begin()`, ARGS numbers each: kept to draw them again in a new theme. */
  private readonly args: Float64Array;
  private placed = 0;

  /** `colors[k]` is matplotlib's colour for arrow k; its rim, if any, follows from it per theme. */
  constructor(colors: readonly string[]) {
    this.colors = colors;
    this.size = colors.length;
    const n = Math.max(1, colors.length);
    this.fill = colors.map(() => new Color());
    this.rimColor = colors.map(() => null);
    this.args = new Float64Array(n * ARGS);
    // Geometries of its own: the translucent meshes add an attribute to theirs.
    const g = arrowGeometries();
    this.geometries = g;
    this.opaque = new Parts(g, new MeshBasicMaterial({ toneMapped: false }), n);
    const glass = new MeshBasicMaterial({
      toneMapped: false,
      transparent: true,
      depthWrite: false,
    });
    perInstanceOpacity(glass);
    const g2 = { shaft: g.shaft.clone(), head: g.head.clone() };
    this.translucent = new Parts(g2, glass, n);
    this.opacity = new InstancedBufferAttribute(new Float32Array(n), 1);
    this.opacity.setUsage(DynamicDrawUsage);
    g2.shaft.setAttribute('instanceOpacity', this.opacity);
    g2.head.setAttribute('instanceOpacity', this.opacity);
    this.rim = new Parts(g, new MeshBasicMaterial({ side: BackSide, toneMapped: false }), n);
    for (const parts of [this.opaque, this.rim, this.translucent]) {
      this.group.add(parts.shaft, parts.head);
    }
    this.applyTheme(getThemeState().theme);
    this.unsubscribe = subscribeTheme(() => this.applyTheme(getThemeState().theme));
  }

  private applyTheme(theme: Theme) {
    this.colors.forEach((color, k) => {
      this.fill[k]!.set(plotColor(color, theme));
      this.rimColor[k] = needsCasingIn(theme, color)
        ? (this.rimColor[k] ?? new Color()).set(readableFor(theme, color))
        : null;
    });
    // An arrow gains or loses its rim with the theme: draw them all again.
    this.end();
  }

  /** Forgets the arrows placed so far. */
  begin() {
    this.placed = 0;
  }

  /**
   * Arrow `k` from `from` to `to` (scene units). The head is `headLength` long (at most 40% of
   * the arrow) and `headRadius` wide; an arrow of zero length is not drawn. Below opacity 1 the
   * arrow blends and writes no depth, so arrows behind it show through, and it has no rim, whose
   * back faces would darken it.
   */
  place(
    k: number,
    from: Vector3,
    to: Vector3,
    radius: number,
    headLength: number,
    headRadius: number,
    opacity = 1,
  ) {
    if (k < 0 || k >= this.size || this.placed >= this.size) return;
    const a = this.args;
    const o = this.placed++ * ARGS;
    a[o] = k;
    a[o + 1] = from.x;
    a[o + 2] = from.y;
    a[o + 3] = from.z;
    a[o + 4] = to.x;
    a[o + 5] = to.y;
    a[o + 6] = to.z;
    a[o + 7] = radius;
    a[o + 8] = headLength;
    a[o + 9] = headRadius;
    a[o + 10] = opacity;
  }

  /** Writes the arrows placed since `begin()` into the instances, for the next frame. */
  end() {
    this.opaque.count = 0;
    this.translucent.count = 0;
    this.rim.count = 0;
    const a = this.args;
    for (let i = 0; i < this.placed; i++) {
      const o = i * ARGS;
      _from.set(a[o + 1]!, a[o + 2]!, a[o + 3]!);
      _to.set(a[o + 4]!, a[o + 5]!, a[o + 6]!);
      this.draw(a[o]!, a[o + 7]!, a[o + 8]!, a[o + 9]!, a[o + 10]!);
    }
    this.opaque.finish();
    this.translucent.finish();
    this.rim.finish();
    this.opacity.needsUpdate = true;
  }

  /** One arrow from _from to _to into the instances. */
  private draw(k: number, radius: number, headLength: number, headRadius: number, opacity: number) {
    _dir.subVectors(_to, _from);
    const len = _dir.length();
    if (!(len > 1e-6) || !Number.isFinite(len)) return;
    _dir.divideScalar(len);
    _q.setFromUnitVectors(UP, _dir);
    const hl = Math.min(headLength, len * 0.4);
    const hr = headRadius * (hl / headLength);
    const shaftLen = len - hl * 0.9; // overlap the head a little, so no gap shows
    _shaft.compose(_from, _q, _s.set(radius, shaftLen, radius));
    _head.compose(_p.copy(_from).addScaledVector(_dir, len - hl), _q, _s.set(hr, hl, hr));
    if (opacity < 1) {
      this.opacity.setX(this.translucent.count, opacity);
      this.translucent.put(_shaft, _head, this.fill[k]!);
      return;
    }
    this.opaque.put(_shaft, _head, this.fill[k]!);
    const rim = this.rimColor[k];
    if (!rim) return;
    const pad = Math.max(radius * 0.45, 0.0025);
    _shaft.compose(_from, _q, _s.set(radius + pad, shaftLen, radius + pad));
    // The rim of the head is pulled back along the shaft by `pad`, so it outlines the point too.
    _head.compose(
      _p.copy(_from).addScaledVector(_dir, len - hl - pad),
      _q,
      _s.set(hr + pad * 1.4, hl + pad * 2, hr + pad * 1.4),
    );
    this.rim.put(_shaft, _head, rim);
  }

  dispose() {
    this.unsubscribe();
    this.opaque.dispose();
    this.translucent.dispose();
    this.rim.dispose();
    this.geometries.shaft.dispose();
    this.geometries.head.dispose();
    this.translucent.shaft.geometry.dispose();
    this.translucent.head.geometry.dispose();
  }
}
