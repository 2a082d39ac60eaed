import { useEffect, useMemo, type Ref } from 'react';
import { useThree } from '@react-three/fiber';
import type { PerspectiveCamera, Sprite } from 'three';
import { palette, readableFor } from '../components/colors';
import { useTheme } from '../theme';
import { spriteScale, type Vec3 } from './sceneMath';
import { textTexture } from './objects';

/** Where the text sits relative to its point. */
export type Anchor = 'left' | 'center' | 'right';

/**
 * Text at a point in the scene that keeps its size on screen (like matplotlib's text, which does
 * not grow as you zoom) and is never hidden behind the box: drawn last, without depth test.
 * `color` is adjusted to read at 4.5:1 on the plot in the current theme (kept as it is when it
 * already does), and a halo in the plot's background colour keeps it clear of lines and arrows.
 */
export function TextSprite(props: {
  text: string;
  color: string;
  /** Font size in CSS pixels. */
  px: number;
  weight?: number;
  position?: Vec3;
  anchor?: Anchor;
  ref?: Ref<Sprite>;
}) {
  const { text, color, px, weight, position, anchor = 'center', ref } = props;
  const height = useThree((s) => s.size.height);
  const dpr = useThree((s) => s.viewport.dpr);
  const fov = useThree((s) => (s.camera as PerspectiveCamera).fov);
  const theme = useTheme();
  const tex = useMemo(
    () =>
      textTexture(text, {
        color: readableFor(theme, color),
        px,
        dpr,
        weight,
        halo: palette(theme).plotBg,
      }),
    [text, color, px, dpr, weight, theme],
  );
  useEffect(() => () => tex.texture.dispose(), [tex]);

  const k = spriteScale(1, fov, height);
  const gap = 4 / tex.width;
  const center: [number, number] =
    anchor === 'left' ? [-gap, 0.5] : anchor === 'right' ? [1 + gap, 0.5] : [0.5, 0.5];
  return (
    <sprite
      ref={ref}
      position={position}
      scale={[tex.width * k, tex.height * k, 1]}
      center={center}
      renderOrder={10}
    >
      <spriteMaterial
        map={tex.texture}
        transparent
        sizeAttenuation={false}
        depthTest={false}
        depthWrite={false}
        toneMapped={false}
      />
    </sprite>
  );
}
