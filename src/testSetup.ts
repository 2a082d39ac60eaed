/**
 * Unit tests run with every lesson registered with the state layer, as the lesson chunk registers
 * them in the app (src/components/LessonRoute.tsx). Imported in beforeAll, after the test file's
 * own imports, so a test's vi.mock applies to the modules the lessons use.
 */
import { beforeAll } from 'vitest';

beforeAll(async () => {
  const [{ LESSONS }, { registerLessons }] = await Promise.all([
    import('./lessons'),
    import('./state/pages'),
  ]);
  registerLessons(LESSONS);
});
