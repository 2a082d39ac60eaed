import { useId } from 'react';
import { setThemeChoice, THEME_CHOICES, useThemeChoice, type ThemeChoice } from '../app/theme';
import './ThemeToggle.css';

const LABELS: Record<ThemeChoice, string> = { system: 'Auto', light: 'Light', dark: 'Dark' };

/**
 * The colour theme switch in the site header: three radio buttons, "Auto" (follow the system),
 * "Light" and "Dark", so the arrow keys move between them and screen readers announce a group of
 * choices. The choice is remembered; see src/theme.ts.
 */
export function ThemeToggle() {
  const choice = useThemeChoice();
  const name = useId();
  return (
    <fieldset className="theme-toggle">
      <legend className="sr-only">Colour theme</legend>
      {THEME_CHOICES.map((c) => (
        <label key={c} className={c === choice ? 'theme-option checked' : 'theme-option'}>
          <input
            type="radio"
            name={name}
            value={c}
            checked={c === choice}
            onChange={() => setThemeChoice(c)}
          />
          <span>{LABELS[c]}</span>
        </label>
      ))}
    </fieldset>
  );
}
