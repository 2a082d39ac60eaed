/**
 * ArrowSet: every arrow of the plot drawn as instances. What each instance holds (where, how big,
 * which colour, how opaque) and how the set follows a theme switch.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BackSide,
  Color,
  InstancedMesh,
  Matrix4,
  Quaternion,
  Vector3,
  type BufferGeometry,
  type MeshBasicMaterial,
} from 'three';
import { needsCasingIn, plotColor, readableFor, type Theme } from '../view/colors';

const theme = vi.hoisted(() => ({
  current: 'light' as 'light' | 'dark',
  listeners: new Set<() => void>(),
}));
vi.mock('../app/theme', () => ({
  getThemeState: () => ({ choice: theme.current, theme: theme.current }),
  subscribeTheme: (l: () => void) => {
    theme.listeners.add(l);
    return () => theme.listeners.delete(l);
  },
}));
const switchTheme = (t: Theme) => {
  theme.current = t;
  theme.listeners.forEach((l) => l());
};

const { ArrowSet } = await import('./objects');

const RED = '#ff0000';
/** matplotlib's 'y': too light for the white panel, so it gets a rim in the light theme. */
const YELLOW = '#bfbf00';
const BLUE = '#0000ff';

type Part = InstancedMesh<BufferGeometry, MeshBasicMaterial>;

/** The set's instanced meshes by role. */
function parts(set: InstanceType<typeof ArrowSet>) {
  const meshes = set.group.children as Part[];
  const opaque = meshes.filter((m) => !m.material.transparent && m.material.side !== BackSide);
  const rim = meshes.filter((m) => m.material.side === BackSide);
  const glass = meshes.filter((m) => m.material.transparent);
  return { opaque, rim, glass };
}
/** The instance's colour as a CSS hex (the instances keep it in 32-bit floats). */
const colorAt = (m: Part, k: number) => {
  const c = new Color();
  m.getColorAt(k, c);
  return `#${c.getHexString()}`;
};
const hex = (css: string) => `#${new Color(css).getHexString()}`;
const decompose = (m: Part, k: number) => {
  const mat = new Matrix4();
  m.getMatrixAt(k, mat);
  const p = new Vector3();
  const q = new Quaternion();
  const s = new Vector3();
  mat.decompose(p, q, s);
  return { p, q, s };
};

const O = new Vector3(0, 0, 0);

describe('ArrowSet', () => {
  beforeEach(() => {
    theme.current = 'light';
    theme.listeners.clear();
  });

  it('has the colours this test relies on', () => {
    expect(needsCasingIn('light', YELLOW)).toBe(true);
    expect(needsCasingIn('light', RED)).toBe(false);
    expect(needsCasingIn('dark', YELLOW)).toBe(false);
  });

  it('draws one instance per placed arrow: shaft from the tail, head ending at the tip', () => {
    const set = new ArrowSet([RED, BLUE]);
    set.begin();
    set.place(0, O, new Vector3(0, 0, 2), 0.01, 0.1, 0.03);
    set.place(1, new Vector3(1, 0, 0), new Vector3(1, 3, 0), 0.02, 0.1, 0.03);
    set.end();
    const { opaque, rim, glass } = parts(set);
    expect(opaque.map((m) => m.count)).toEqual([2, 2]);
    expect(rim.map((m) => m.count)).toEqual([0, 0]);
    expect(glass.map((m) => m.count)).toEqual([0, 0]);
    const [shaft, head] = opaque as [Part, Part];
    // Arrow 0 points along +z: shaft at the origin, radius 0.01, length 2 - 0.9 * head length.
    const a = decompose(shaft, 0);
    expect(a.p.toArray()).toEqual([0, 0, 0]);
    expect(a.s.x).toBeCloseTo(0.01);
    expect(a.s.y).toBeCloseTo(2 - 0.09);
    expect(new Vector3(0, 1, 0).applyQuaternion(a.q).z).toBeCloseTo(1);
    // Its head starts one head length before the tip.
    const h = decompose(head, 0);
    expect(h.p.z).toBeCloseTo(1.9);
    expect(h.s.y).toBeCloseTo(0.1);
    expect(h.s.x).toBeCloseTo(0.03);
    // Arrow 1 (slot 1) in blue, along +y from (1, 0, 0).
    expect(decompose(shaft, 1).p.toArray()).toEqual([1, 0, 0]);
    expect(colorAt(shaft, 1)).toBe(hex(BLUE));
    expect(colorAt(head, 0)).toBe(hex(RED));
  });

  it('caps the head at 40% of a short arrow, scaling its width alike', () => {
    const set = new ArrowSet([RED]);
    set.begin();
    set.place(0, O, new Vector3(0.1, 0, 0), 0.01, 0.1, 0.03);
    set.end();
    const head = parts(set).opaque[1]!;
    const h = decompose(head, 0);
    expect(h.s.y).toBeCloseTo(0.04);
    expect(h.s.x).toBeCloseTo(0.012);
  });

  it('skips arrows of zero or non-finite length', () => {
    const set = new ArrowSet([RED, RED, RED]);
    set.begin();
    set.place(0, O, O, 0.01, 0.1, 0.03);
    set.place(1, O, new Vector3(NaN, 1, 0), 0.01, 0.1, 0.03);
    set.place(2, O, new Vector3(1, 1, 0), 0.01, 0.1, 0.03);
    set.end();
    expect(parts(set).opaque[0]!.count).toBe(1);
  });

  it('blends arrows below opacity 1, with their opacity per instance and no rim', () => {
    const set = new ArrowSet([YELLOW, RED]);
    set.begin();
    set.place(0, O, new Vector3(1, 0, 0), 0.01, 0.1, 0.03, 0.25);
    set.place(1, O, new Vector3(0, 1, 0), 0.01, 0.1, 0.03, 0.5);
    set.end();
    const { opaque, rim, glass } = parts(set);
    expect(opaque[0]!.count).toBe(0);
    expect(rim[0]!.count).toBe(0);
    expect(glass.map((m) => m.count)).toEqual([2, 2]);
    expect(glass[0]!.material.depthWrite).toBe(false);
    const opacity = glass[0]!.geometry.getAttribute('instanceOpacity');
    expect([opacity.getX(0), opacity.getX(1)]).toEqual([0.25, 0.5]);
    // The head reads the same per-instance opacities.
    expect(glass[1]!.geometry.getAttribute('instanceOpacity')).toBe(opacity);
    // Opaque meshes never see that attribute.
    expect(opaque[0]!.geometry.getAttribute('instanceOpacity')).toBeUndefined();
  });

  it('rims a too-light colour in the light theme, slightly larger and in its readable colour', () => {
    const set = new ArrowSet([YELLOW, RED]);
    set.begin();
    set.place(0, O, new Vector3(1, 0, 0), 0.02, 0.1, 0.03);
    set.place(1, O, new Vector3(0, 1, 0), 0.02, 0.1, 0.03);
    set.end();
    const { opaque, rim } = parts(set);
    expect(opaque[0]!.count).toBe(2);
    expect(rim.map((m) => m.count)).toEqual([1, 1]);
    expect(colorAt(rim[0]!, 0)).toBe(hex(readableFor('light', YELLOW)));
    expect(decompose(rim[0]!, 0).s.x).toBeCloseTo(0.02 + 0.02 * 0.45, 6);
  });

  it('follows a theme switch by itself: colours change, rims go and come back', () => {
    const set = new ArrowSet([YELLOW, BLUE]);
    set.begin();
    set.place(0, O, new Vector3(1, 0, 0), 0.02, 0.1, 0.03);
    set.place(1, O, new Vector3(0, 1, 0), 0.02, 0.1, 0.03);
    set.end();
    switchTheme('dark');
    const { opaque, rim } = parts(set);
    expect(rim[0]!.count).toBe(0);
    expect(opaque[0]!.count).toBe(2);
    expect(colorAt(opaque[0]!, 1)).toBe(hex(plotColor(BLUE, 'dark')));
    expect(plotColor(BLUE, 'dark')).not.toBe(BLUE);
    switchTheme('light');
    expect(rim[0]!.count).toBe(1);
    expect(colorAt(opaque[0]!, 1)).toBe(hex(BLUE));
  });

  it('stops following the theme once disposed', () => {
    const set = new ArrowSet([RED]);
    expect(theme.listeners.size).toBe(1);
    set.dispose();
    expect(theme.listeners.size).toBe(0);
  });

  it('draws only what was placed since the last begin()', () => {
    const set = new ArrowSet([RED, BLUE]);
    set.begin();
    set.place(0, O, new Vector3(1, 0, 0), 0.02, 0.1, 0.03);
    set.place(1, O, new Vector3(0, 1, 0), 0.02, 0.1, 0.03);
    set.end();
    set.begin();
    set.place(1, O, new Vector3(0, 2, 0), 0.02, 0.1, 0.03);
    set.end();
    const shaft = parts(set).opaque[0]!;
    expect(shaft.count).toBe(1);
    expect(colorAt(shaft, 0)).toBe(hex(BLUE));
  });
});
