/** What the playground's components do to the store. */
import type { Settings } from '../lessons/playground';
import { appStore } from '../state/store';

export const PAGE = 'playground';

/** Sets the playground's settings, in order, as one undo step. */
export function setSettings(patch: Partial<Settings>) {
  appStore.getState().editMany(PAGE, Object.entries(patch));
}
