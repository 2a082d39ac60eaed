/**
 * The plot's text (the vectors' labels; the axes' tick labels and names), each set drawn by one
 * draw call: the texts share one texture (an atlas), and each label is an instance of one quad,
 * placed in the vertex shader. As sprites, each label was a draw call and a texture of its own:
 * the 64-token playground's labels cost the GPU process 6 ms a frame with software-rendered
 * graphics.
 *
 * Like matplotlib's text, labels keep their size on screen; they are never hidden behind the box
 * (drawn last, without depth test), nearer labels are drawn over farther ones, and each follows
 * the theme (its colour made readable on the plot, a halo in the plot's colour).
 */
import {
  CanvasTexture,
  DynamicDrawUsage,
  InstancedBufferAttribute,
  InstancedBufferGeometry,
  Mesh,
  PlaneGeometry,
  ShaderMaterial,
  Vector2,
  Vector3,
  LinearFilter,
  SRGBColorSpace,
  type Camera,
} from 'three';
import { palette, readableFor, type Theme } from '../view/colors';
import { getThemeState, subscribeTheme } from '../app/theme';
import { labelCenterX } from './sceneMath';

/**
 * Where a label sits relative to its point: centred on it; starting just right of it ('left');
 * or just above and to the right of it, where the notebooks' quiver plots put their labels.
 */
export type Anchor = 'center' | 'left' | 'above-left';

/** matplotlib's font is DejaVu Sans; the system sans-serif stands in where it is missing. */
export const LABEL_FONT = "'DejaVu Sans', 'Helvetica Neue', Arial, system-ui, sans-serif";

/** A label's size in CSS pixels (text plus `pad` on every side, room for the halo). */
interface LabelBox {
  width: number;
  height: number;
  pad: number;
}

const LABEL_PAD = 3;
const labelFont = (px: number, weight = 400) => `${weight} ${px}px ${LABEL_FONT}`;

/** The size `text` takes as a label at `px` CSS pixels (measured with `ctx` when there is one). */
function labelBox(
  ctx: CanvasRenderingContext2D | null,
  text: string,
  px: number,
  weight?: number,
): LabelBox {
  let w = text.length * px * 0.6;
  if (ctx) {
    ctx.font = labelFont(px, weight);
    w = ctx.measureText(text).width;
  }
  return {
    width: Math.ceil(w) + 2 * LABEL_PAD,
    height: Math.ceil(px * 1.25) + 2 * LABEL_PAD,
    pad: LABEL_PAD,
  };
}

/**
 * Draws `text` as a label into `ctx` with its box's top-left corner at (x, y) CSS pixels, scaled by
 * `dpr`: in `color`, over a halo in the panel colour that keeps it readable over lines and arrows.
 */
function paintLabel(
  ctx: CanvasRenderingContext2D,
  text: string,
  box: LabelBox,
  x: number,
  y: number,
  opts: { color: string; px: number; dpr: number; weight?: number; halo?: string },
) {
  ctx.setTransform(opts.dpr, 0, 0, opts.dpr, x * opts.dpr, y * opts.dpr);
  ctx.font = labelFont(opts.px, opts.weight);
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  if (opts.halo) {
    ctx.strokeStyle = opts.halo;
    ctx.lineWidth = 4;
    ctx.strokeText(text, box.pad, box.height / 2 + 0.5);
  }
  ctx.fillStyle = opts.color;
  ctx.fillText(text, box.pad, box.height / 2 + 0.5);
}

/** A canvas as a label texture: sRGB, smooth, no mipmaps. */
function labelTexture(canvas: HTMLCanvasElement): CanvasTexture {
  const texture = new CanvasTexture(canvas);
  texture.colorSpace = SRGBColorSpace;
  texture.minFilter = LinearFilter;
  texture.generateMipmaps = false;
  return texture;
}

export interface LabelSpec {
  text: string;
  /** The label's colour, made readable on the plot per theme (readableFor). */
  color: string;
  /** Font size in CSS pixels. */
  px: number;
  weight?: number;
  anchor?: Anchor;
}

/** Where each label sits in the atlas, in device pixels; and the atlas's size. */
export interface AtlasLayout {
  rects: { x: number; y: number; w: number; h: number }[];
  width: number;
  height: number;
}

/** Device pixels left empty around each label, so smooth sampling never reads a neighbour. */
const GAP = 2;

/**
 * Packs boxes of `sizes` (device pixels) into rows of an atlas at least `minWidth` wide (wider
 * when a box is): left to right, a new row when one is full.
 */
export function packLabels(
  sizes: readonly { w: number; h: number }[],
  minWidth = 1024,
): AtlasLayout {
  const width = Math.max(minWidth, ...sizes.map((s) => s.w + 2 * GAP));
  const rects: AtlasLayout['rects'] = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const s of sizes) {
    if (x + s.w + 2 * GAP > width) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    rects.push({ x: x + GAP, y: y + GAP, w: s.w, h: s.h });
    x += s.w + 2 * GAP;
    rowHeight = Math.max(rowHeight, s.h + 2 * GAP);
  }
  return { rects, width, height: Math.max(1, y + rowHeight) };
}

const VERTEX = /* glsl */ `
attribute vec3 labelAt;
attribute vec2 labelSize;
attribute vec2 labelCenter;
attribute vec4 labelUv;
uniform vec2 viewport;
varying vec2 vUv;
void main() {
  vec4 clip = projectionMatrix * modelViewMatrix * vec4(labelAt, 1.0);
  // position.xy runs 0..1 over the quad; the label's center sits on its point, and its size is in
  // CSS pixels whatever the distance (clip space is divided by w, so the offset is multiplied).
  clip.xy += (position.xy - labelCenter) * labelSize * 2.0 / viewport * clip.w;
  gl_Position = clip;
  vUv = mix(labelUv.xy, labelUv.zw, position.xy);
}
`;

const FRAGMENT = /* glsl */ `
uniform sampler2D map;
varying vec2 vUv;
void main() {
  gl_FragColor = texture2D(map, vUv);
  #include <colorspace_fragment>
}
`;

const _p = new Vector3();

/**
 * Labels at points in the scene. Set each label's point with `set` (null hides it), and call
 * `frame` before each render: it orders them by depth and, with `keepOnCanvas`, moves labels that
 * would run off the canvas to their point's other side (labelCenterX).
 */
export class LabelSet {
  readonly mesh: Mesh<InstancedBufferGeometry, ShaderMaterial>;
  private readonly specs: readonly LabelSpec[];
  private readonly dpr: number;
  private readonly keepOnCanvas: boolean;
  private readonly boxes: LabelBox[];
  private readonly layout: AtlasLayout;
  private readonly canvas: HTMLCanvasElement | null;
  private readonly texture: CanvasTexture | null;
  /** Each label's point (scene units), and whether it is shown. */
  private readonly points: Float64Array;
  private readonly shown: Uint8Array;
  private readonly order: number[];
  private readonly depth: Float64Array;
  private readonly at: InstancedBufferAttribute;
  private readonly size: InstancedBufferAttribute;
  private readonly center: InstancedBufferAttribute;
  private readonly uv: InstancedBufferAttribute;
  private readonly unsubscribe: () => void;

  /** `renderOrder` puts one set over another (the vectors' labels over the axes'). */
  constructor(
    specs: readonly LabelSpec[],
    opts: { dpr: number; keepOnCanvas?: boolean; renderOrder?: number },
  ) {
    this.specs = specs;
    this.dpr = opts.dpr;
    this.keepOnCanvas = opts.keepOnCanvas ?? false;
    const n = specs.length;
    this.canvas = typeof document === 'undefined' ? null : document.createElement('canvas');
    const ctx = this.canvas?.getContext('2d') ?? null;
    this.boxes = specs.map((s) => labelBox(ctx, s.text, s.px, s.weight));
    this.layout = packLabels(
      this.boxes.map((b) => ({
        w: Math.max(1, Math.ceil(b.width * opts.dpr)),
        h: Math.max(1, Math.ceil(b.height * opts.dpr)),
      })),
    );
    this.texture = this.canvas ? labelTexture(this.canvas) : null;

    this.points = new Float64Array(n * 3);
    this.shown = new Uint8Array(n);
    this.order = Array.from({ length: n }, (_, k) => k);
    this.depth = new Float64Array(n);
    const attribute = (size: number) => {
      const a = new InstancedBufferAttribute(new Float32Array(Math.max(1, n) * size), size);
      a.setUsage(DynamicDrawUsage);
      return a;
    };
    this.at = attribute(3);
    this.size = attribute(2);
    this.center = attribute(2);
    this.uv = attribute(4);

    const quad = new PlaneGeometry(1, 1);
    quad.translate(0.5, 0.5, 0);
    const geometry = new InstancedBufferGeometry();
    geometry.index = quad.index;
    geometry.setAttribute('position', quad.getAttribute('position'));
    geometry.setAttribute('labelAt', this.at);
    geometry.setAttribute('labelSize', this.size);
    geometry.setAttribute('labelCenter', this.center);
    geometry.setAttribute('labelUv', this.uv);
    geometry.instanceCount = n;
    const material = new ShaderMaterial({
      vertexShader: VERTEX,
      fragmentShader: FRAGMENT,
      uniforms: { map: { value: this.texture }, viewport: { value: new Vector2(1, 1) } },
      transparent: true,
      depthTest: false,
      depthWrite: false,
    });
    this.mesh = new Mesh(geometry, material);
    // The quads are placed in the shader: the mesh's own bounds mean nothing.
    this.mesh.frustumCulled = false;
    this.mesh.renderOrder = opts.renderOrder ?? 10;

    this.paint(getThemeState().theme);
    this.unsubscribe = subscribeTheme(() => this.paint(getThemeState().theme));
  }

  /** Draws every text into the atlas in `theme`'s colours. */
  private paint(theme: Theme) {
    const canvas = this.canvas;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || !this.texture) return;
    canvas.width = this.layout.width;
    canvas.height = this.layout.height;
    const halo = palette(theme).plotBg;
    this.specs.forEach((s, k) => {
      const r = this.layout.rects[k]!;
      paintLabel(ctx, s.text, this.boxes[k]!, r.x / this.dpr, r.y / this.dpr, {
        color: readableFor(theme, s.color),
        px: s.px,
        dpr: this.dpr,
        weight: s.weight,
        halo,
      });
    });
    this.texture.needsUpdate = true;
  }

  /** Label `k` at `point` (scene units), or hidden (null). */
  set(k: number, point: Vector3 | null) {
    if (k < 0 || k >= this.specs.length) return;
    this.shown[k] = point ? 1 : 0;
    if (point) point.toArray(this.points, k * 3);
  }

  /**
   * Before a render: each shown label's place, size and anchor on a canvas of `width` x `height`
   * CSS pixels, farthest first, so nearer ones cover them.
   */
  frame(camera: Camera, width: number, height: number) {
    (this.mesh.material.uniforms.viewport!.value as Vector2).set(width, height);
    const n = this.specs.length;
    let count = 0;
    for (let k = 0; k < n; k++) {
      if (!this.shown[k]) continue;
      _p.fromArray(this.points, k * 3).applyMatrix4(camera.matrixWorldInverse);
      this.depth[k] = _p.z;
      this.order[count++] = k;
    }
    const shown = this.order;
    shown.length = count;
    shown.sort((a, b) => this.depth[a]! - this.depth[b]!);
    const { width: aw, height: ah } = this.layout;
    shown.forEach((k, i) => {
      const box = this.boxes[k]!;
      const r = this.layout.rects[k]!;
      _p.fromArray(this.points, k * 3);
      this.at.setXYZ(i, _p.x, _p.y, _p.z);
      this.size.setXY(i, box.width, box.height);
      // The point's place on the label, from its left and bottom edges (0 to 1): 'left' and
      // 'above-left' start the text 4 px right of the point.
      const anchor = this.specs[k]!.anchor ?? 'center';
      let cx = anchor === 'center' ? 0.5 : -4 / box.width;
      if (this.keepOnCanvas) {
        cx = labelCenterX(_p.project(camera).x, (2 * box.width) / width, cx, 0.02);
      }
      this.center.setXY(i, cx, anchor === 'above-left' ? 0.05 : 0.5);
      // The texture's rows run bottom-up (flipY): v of the rect's bottom edge, then its top.
      this.uv.setXYZW(i, r.x / aw, 1 - (r.y + r.h) / ah, (r.x + r.w) / aw, 1 - r.y / ah);
    });
    this.mesh.geometry.instanceCount = shown.length;
    for (const a of [this.at, this.size, this.center, this.uv]) a.needsUpdate = true;
  }

  dispose() {
    this.unsubscribe();
    this.mesh.geometry.dispose();
    this.mesh.material.dispose();
    this.texture?.dispose();
  }
}
