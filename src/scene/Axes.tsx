import { useEffect, useLayoutEffect, useMemo } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import {
  BufferGeometry,
  Color,
  DoubleSide,
  Float32BufferAttribute,
  Vector3,
  type PerspectiveCamera,
} from 'three';
import { palette } from '../view/colors';
import type { AxisDomain } from '../view/plotMath';
import { useTheme } from '../app/theme';
import { formatTick } from '../view/plotMath';
import { BOX, sceneTicks, type BoxLayout, type Vec3 } from './sceneMath';
import { LabelSet, type LabelSpec } from './labels';

const TICK_LENGTH = 0.03;
// Label offsets in CSS pixels (turned into scene units for the current view), so labels keep
// their distance from the box on a phone as on a desktop. Z's labels start just right of their
// ticks; X's and Y's hang a little below the floor.
const TICK_LABEL_PX = 20;
const Z_LABEL_PX = 8;
const DROP_PX = 6;
const NAME_PX = 46;
const Z_NAME_PX = 50;

const _at = new Vector3();

function lines(points: number[]): BufferGeometry {
  const g = new BufferGeometry();
  g.setAttribute('position', new Float32BufferAttribute(points, 3));
  return g;
}

const at = (base: Vec3, axis: number, v: number): Vec3 => {
  const p: Vec3 = [base[0], base[1], base[2]];
  p[axis] = v;
  return p;
};

const along = (p: Vec3, dir: Vec3, s: number): Vec3 => [
  p[0] + dir[0] * s,
  p[1] + dir[1] * s,
  p[2] + dir[2] * s,
];

/**
 * The box of a matplotlib 3-D axes: three grey panes with grid lines on the far sides, and three
 * axis lines with ticks, tick labels and axis names on the near edges (see `boxLayout`).
 * Rebuilt only when the domain or the layout changes, never during a drag.
 */
export function Axes({
  domain,
  layout,
  names,
}: {
  domain: AxisDomain;
  layout: BoxLayout;
  names: readonly string[];
}) {
  const ticks = useMemo(() => sceneTicks(domain), [domain]);
  // Light: matplotlib's panes, (0.95, 0.95, 0.95, 0.5) and its siblings over white, a touch
  // darker here. Dark: the same structure in greys a step above the panel (colors.ts).
  const theme = useTheme();
  const colors = palette(theme);
  const get = useThree((s) => s.get);
  const invalidate = useThree((s) => s.invalidate);
  // The background follows the theme here, beside the panes it frames; this layout effect runs
  // after the Scene's own <color attach="background">, so it wins on mount and on every switch.
  useLayoutEffect(() => {
    get().scene.background = new Color(colors.plotBg);
    invalidate();
  }, [get, colors.plotBg, invalidate]);
  // A phone-sized plot gets slightly smaller tick labels, so neighbours do not touch.
  const tickPx = useThree((s) => (s.size.width < 420 ? 11 : 12));
  // Scene units per CSS pixel at the box's centre, for the default view's distance.
  const perPx = useThree(
    (s) =>
      (2 *
        s.camera.position.length() *
        Math.tan(((s.camera as PerspectiveCamera).fov * Math.PI) / 360)) /
      Math.max(1, s.size.height),
  );

  // Tick labels and axis names: their texts and where they go (scene units).
  const text = useMemo(() => {
    const specs: LabelSpec[] = [];
    const points: Vec3[] = [];
    for (const line of layout.axes) {
      const vertical = line.axis === 2;
      for (const t of ticks) {
        const p = along(
          at(line.at, line.axis, t.at[line.axis]!),
          line.out,
          (vertical ? Z_LABEL_PX : TICK_LABEL_PX) * perPx,
        );
        if (!vertical) p[2] -= DROP_PX * perPx;
        specs.push({
          text: formatTick(t.value, domain.step),
          color: colors.ink,
          px: tickPx,
          anchor: vertical ? 'left' : 'center',
        });
        points.push(p);
      }
      const nameAt = along(
        at(line.at, line.axis, 0),
        line.out,
        (vertical ? Z_NAME_PX : NAME_PX) * perPx,
      );
      if (!vertical) nameAt[2] -= 2 * DROP_PX * perPx;
      specs.push({ text: names[line.axis] ?? '', color: colors.ink, px: tickPx + 2 });
      points.push(nameAt);
    }
    return { specs, points };
  }, [layout, ticks, domain.step, perPx, tickPx, names, colors.ink]);
  const dpr = useThree((s) => s.viewport.dpr);
  const labels = useMemo(() => new LabelSet(text.specs, { dpr }), [text.specs, dpr]);
  useEffect(() => () => labels.dispose(), [labels]);
  useLayoutEffect(() => {
    text.points.forEach((p, k) => labels.set(k, _at.set(p[0], p[1], p[2])));
    invalidate();
  }, [labels, text.points, invalidate]);
  useFrame(({ camera, size }) => labels.frame(camera, size.width, size.height));

  const { grid, axes } = useMemo(() => {
    const g: number[] = [];
    for (let a = 0; a < 3; a++) {
      const plane = layout.panes[a]!;
      for (let b = 0; b < 3; b++) {
        if (b === a) continue;
        const c = 3 - a - b;
        for (const t of ticks) {
          const p: Vec3 = [0, 0, 0];
          p[a] = plane;
          p[b] = t.at[b]!;
          p[c] = -0.5 * BOX[c]!;
          const q: Vec3 = [p[0], p[1], p[2]];
          q[c] = 0.5 * BOX[c]!;
          g.push(...p, ...q);
        }
      }
    }
    const ax: number[] = [];
    for (const line of layout.axes) {
      const half = 0.5 * BOX[line.axis]!;
      ax.push(...at(line.at, line.axis, -half), ...at(line.at, line.axis, half));
      for (const t of ticks) {
        const p = at(line.at, line.axis, t.at[line.axis]!);
        ax.push(...p, ...along(p, line.out, TICK_LENGTH));
      }
    }
    return { grid: lines(g), axes: lines(ax) };
  }, [ticks, layout]);
  useEffect(
    () => () => {
      grid.dispose();
      axes.dispose();
    },
    [grid, axes],
  );

  return (
    <group>
      {layout.panes.map((plane, a) => {
        const position: Vec3 = [0, 0, 0];
        // Just outside the box, so grid lines drawn on the pane never flicker against it.
        position[a] = plane * 1.004;
        const rotation: Vec3 =
          a === 0 ? [0, Math.PI / 2, 0] : a === 1 ? [Math.PI / 2, 0, 0] : [0, 0, 0];
        // The plane's local X and Y after that rotation: (-Z, Y), (X, Z), (X, Y).
        const scale: Vec3 =
          a === 0 ? [BOX[2], BOX[1], 1] : a === 1 ? [BOX[0], BOX[2], 1] : [BOX[0], BOX[1], 1];
        return (
          <mesh key={a} position={position} rotation={rotation} scale={scale} renderOrder={-1}>
            <planeGeometry args={[1, 1]} />
            <meshBasicMaterial color={colors.panes[a]} side={DoubleSide} toneMapped={false} />
          </mesh>
        );
      })}
      <lineSegments geometry={grid}>
        <lineBasicMaterial color={colors.grid} toneMapped={false} />
      </lineSegments>
      <lineSegments geometry={axes}>
        <lineBasicMaterial color={colors.axis} toneMapped={false} />
      </lineSegments>
      <primitive object={labels.mesh} />
    </group>
  );
}
