/**
 * The plot's three.js objects that move during a drag: arrows (shaft + cone head) and text
 * labels drawn into canvas textures. They are plain classes, updated in place through refs, so a
 * drag allocates nothing: scratch vectors live at module scope.
 */
import {
  BackSide,
  CanvasTexture,
  ConeGeometry,
  CylinderGeometry,
  Group,
  LinearFilter,
  Mesh,
  MeshBasicMaterial,
  Quaternion,
  SRGBColorSpace,
  Vector3,
  type BufferGeometry,
} from 'three';
import { needsCasingIn, plotColor, readableFor, type Theme } from '../components/colors';
import { getThemeState, subscribeTheme } from '../theme';

const UP = new Vector3(0, 1, 0);
const _dir = new Vector3();
const _q = new Quaternion();

/** Unit shaft (radius 1, height 1 from y = 0 to 1) and head (radius 1 at y = 0, tip at y = 1). */
export interface ArrowGeometries {
  shaft: BufferGeometry;
  head: BufferGeometry;
}

export function arrowGeometries(): ArrowGeometries {
  const shaft = new CylinderGeometry(1, 1, 1, 12, 1, false);
  shaft.translate(0, 0.5, 0);
  const head = new ConeGeometry(1, 1, 20, 1, false);
  head.translate(0, 0.5, 0);
  return { shaft, head };
}

/**
 * An arrow from one point to another, in one flat colour (matplotlib's quiver colours are
 * unlit). In the light theme a colour too light to stand out from the white panel (WCAG 1.4.11's
 * 3:1) gets a darker rim: a slightly larger copy drawn from the inside (back faces), which shows
 * only around the silhouette. In the dark theme colours too dark for the panel are lightened
 * instead (`plotColor`). The arrow follows theme switches by itself until `dispose`.
 */
export class Arrow {
  readonly group = new Group();
  readonly material: MeshBasicMaterial;
  private readonly rimMaterial: MeshBasicMaterial;
  private readonly shaft: Mesh;
  private readonly head: Mesh;
  private readonly rimShaft: Mesh;
  private readonly rimHead: Mesh;
  private readonly color: string;
  private rimOn = false;
  private translucent = false;
  private readonly unsubscribe: () => void;

  /** `color` is matplotlib's colour for the arrow; its rim, if any, follows from it per theme. */
  constructor(g: ArrowGeometries, color: string) {
    this.color = color;
    this.material = new MeshBasicMaterial({ color, toneMapped: false });
    this.shaft = new Mesh(g.shaft, this.material);
    this.head = new Mesh(g.head, this.material);
    this.group.add(this.shaft, this.head);
    this.rimMaterial = new MeshBasicMaterial({ color, side: BackSide, toneMapped: false });
    this.rimShaft = new Mesh(g.shaft, this.rimMaterial);
    this.rimHead = new Mesh(g.head, this.rimMaterial);
    this.group.add(this.rimShaft, this.rimHead);
    this.applyTheme(getThemeState().theme);
    this.unsubscribe = subscribeTheme(() => this.applyTheme(getThemeState().theme));
  }

  private applyTheme(theme: Theme) {
    this.material.color.set(plotColor(this.color, theme));
    this.rimOn = needsCasingIn(theme, this.color);
    if (this.rimOn) this.rimMaterial.color.set(readableFor(theme, this.color));
    this.showRim();
  }

  private showRim() {
    this.rimShaft.visible = this.rimOn && !this.translucent;
    this.rimHead.visible = this.rimOn && !this.translucent;
  }

  /**
   * Points the arrow from `from` to `to` (scene units). The head is `headLength` long (at most
   * 40% of the arrow) and `headRadius` wide; an arrow of zero length is hidden.
   */
  place(from: Vector3, to: Vector3, radius: number, headLength: number, headRadius: number) {
    _dir.subVectors(to, from);
    const len = _dir.length();
    if (!(len > 1e-6) || !Number.isFinite(len)) {
      this.group.visible = false;
      return;
    }
    this.group.visible = true;
    _dir.divideScalar(len);
    _q.setFromUnitVectors(UP, _dir);
    const hl = Math.min(headLength, len * 0.4);
    const hr = headRadius * (hl / headLength);
    const shaftLen = len - hl * 0.9; // overlap the head a little, so no gap shows
    this.shaft.position.copy(from);
    this.shaft.quaternion.copy(_q);
    this.shaft.scale.set(radius, shaftLen, radius);
    this.head.position.copy(from).addScaledVector(_dir, len - hl);
    this.head.quaternion.copy(_q);
    this.head.scale.set(hr, hl, hr);
    const pad = Math.max(radius * 0.45, 0.0025);
    this.rimShaft.position.copy(this.shaft.position);
    this.rimShaft.quaternion.copy(_q);
    this.rimShaft.scale.set(radius + pad, shaftLen, radius + pad);
    // The rim of the head is pulled back along the shaft by `pad`, so it outlines the point too.
    this.rimHead.position.copy(this.head.position).addScaledVector(_dir, -pad);
    this.rimHead.quaternion.copy(_q);
    this.rimHead.scale.set(hr + pad * 1.4, hl + pad * 2, hr + pad * 1.4);
  }

  hide() {
    this.group.visible = false;
  }

  /**
   * Opacity 1 draws opaque; below 1 the arrow blends and writes no depth, so arrows behind it
   * show through. A translucent arrow drops its rim, whose back faces would darken it.
   */
  setOpacity(opacity: number) {
    const transparent = opacity < 1;
    this.material.opacity = opacity;
    if (this.material.transparent !== transparent) {
      this.material.transparent = transparent;
      this.material.depthWrite = !transparent;
      // three.js compiles opaque materials with alpha forced to 1: switch programs (both are
      // cached after the first time, so a toggle costs nothing later).
      this.material.needsUpdate = true;
    }
    this.translucent = transparent;
    this.showRim();
  }

  dispose() {
    this.unsubscribe();
    this.material.dispose();
    this.rimMaterial.dispose();
  }
}

/** matplotlib's font is DejaVu Sans; the system sans-serif stands in where it is missing. */
export const LABEL_FONT = "'DejaVu Sans', 'Helvetica Neue', Arial, system-ui, sans-serif";

/** A label drawn into a texture, and its size in CSS pixels. */
export interface TextTexture {
  texture: CanvasTexture;
  /** Size in CSS pixels, including `pad` on every side. */
  width: number;
  height: number;
  /** Transparent margin around the text (room for the halo). */
  pad: number;
}

/**
 * `text` drawn at `px` CSS pixels into a canvas texture with `dpr` device pixels per CSS pixel,
 * with a halo in the panel colour so labels stay readable over grid lines and arrows.
 */
export function textTexture(
  text: string,
  opts: { color: string; px: number; dpr: number; weight?: number; halo?: string },
): TextTexture {
  const weight = opts.weight ?? 400;
  const font = `${weight} ${opts.px}px ${LABEL_FONT}`;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  const pad = 3;
  let w = text.length * opts.px * 0.6;
  if (ctx) {
    ctx.font = font;
    w = ctx.measureText(text).width;
  }
  const width = Math.ceil(w) + 2 * pad;
  const height = Math.ceil(opts.px * 1.25) + 2 * pad;
  canvas.width = Math.max(1, Math.ceil(width * opts.dpr));
  canvas.height = Math.max(1, Math.ceil(height * opts.dpr));
  if (ctx) {
    ctx.scale(opts.dpr, opts.dpr);
    ctx.font = font;
    ctx.textBaseline = 'middle';
    ctx.lineJoin = 'round';
    if (opts.halo) {
      ctx.strokeStyle = opts.halo;
      ctx.lineWidth = 4;
      ctx.strokeText(text, pad, height / 2 + 0.5);
    }
    ctx.fillStyle = opts.color;
    ctx.fillText(text, pad, height / 2 + 0.5);
  }
  const texture = new CanvasTexture(canvas);
  texture.colorSpace = SRGBColorSpace;
  texture.minFilter = LinearFilter;
  texture.generateMipmaps = false;
  return { texture, width, height, pad };
}
