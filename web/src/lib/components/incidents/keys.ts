/** Ctrl+Enter (⌘+Enter) saves from any field of a form, the textareas included, where Enter makes a new line. */
import type { Attachment } from 'svelte/attachments';

export function ctrlEnter(fn: () => void): Attachment<HTMLElement> {
  return (el) => {
    const onkey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        fn();
      }
    };
    el.addEventListener('keydown', onkey);
    return () => el.removeEventListener('keydown', onkey);
  };
}
