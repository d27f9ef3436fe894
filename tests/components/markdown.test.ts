import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import Markdown from '../../src/ui/markdown/Markdown.svelte';

let component: ReturnType<typeof mount> | undefined;
afterEach(() => {
  if (component) unmount(component);
  document.body.innerHTML = '';
});

describe('Markdown', () => {
  it('renders model markdown, shows model HTML as text, and loads no remote image', () => {
    const text = '**Done** <img src=x onerror="window.hit=1"> <script>window.hit=2</script>\n\n![logo](https://evil.example/x.png)';
    component = mount(Markdown, { target: document.body, props: { text } });
    flushSync();
    expect(document.querySelector('strong')?.textContent).toBe('Done');
    expect([...document.querySelectorAll('script, img[src^="http"], [onerror]')]).toEqual([]);
    expect(document.body.textContent).toContain('<img src=x onerror="window.hit=1">');
    expect(document.body.textContent).toContain('<script>window.hit=2</script>');
    expect((window as unknown as { hit?: number }).hit).toBeUndefined();
  });
});
