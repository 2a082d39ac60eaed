import type { ReactNode } from 'react';
import type { LessonInfo } from '../lessons/catalogue';
import { CATALOGUE_HASH, lessonHash } from '../app/router';

/** A clear message for a route that is not a page, always with a way back. */
export function RouteMessage(props: {
  heading: string;
  children: ReactNode;
  backTo?: Pick<LessonInfo, 'id' | 'title'>;
}) {
  return (
    <section className="route-message" role="alert" aria-labelledby="route-message-heading">
      <h1 id="route-message-heading">{props.heading}</h1>
      <p>{props.children}</p>
      <p className="route-message-links">
        {props.backTo && (
          <a href={lessonHash(props.backTo.id, 1)}>Start “{props.backTo.title}” at step 1</a>
        )}
        <a href={CATALOGUE_HASH}>See all lessons</a>
      </p>
    </section>
  );
}
