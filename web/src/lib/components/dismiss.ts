/**
 * A pop-up menu closes on a pointer press outside it or on Escape. Call from an $effect while the
 * menu is open and return what it returns (it removes the listeners):
 *     $effect(() => { if (open) return closeOnOutside(root, (escape) => close(escape)); });
 * `escape` says the menu closed by Escape, after which the focus belongs back on its button.
 */
export function closeOnOutside(root: HTMLElement, close: (escape: boolean) => void): () => void {
  const onDown = (e: PointerEvent) => {
    if (!root.contains(e.target as Node)) close(false);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') close(true);
  };
  document.addEventListener('pointerdown', onDown);
  document.addEventListener('keydown', onKey);
  return () => {
    document.removeEventListener('pointerdown', onDown);
    document.removeEventListener('keydown', onKey);
  };
}
