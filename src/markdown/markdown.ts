/**
 * Model text as safe HTML: markdown through marked, then DOMPurify. The only module that imports marked or
 * dompurify. Raw HTML written by the model is shown as text, never interpreted; remote images are not loaded;
 * links open in a new tab without access to this page.
 */
import { Marked } from 'marked';
import createDOMPurify, { type Config, type WindowLike } from 'dompurify';

/** Turns markdown into sanitised HTML. */
export type MarkdownRenderer = (markdown: string) => string;

const ALLOWED_TAGS = [
  'a', 'b', 'blockquote', 'br', 'code', 'del', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img',
  'kbd', 'li', 'ol', 'p', 'pre', 's', 'span', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
];
const ALLOWED_ATTR = ['href', 'title', 'alt', 'src', 'align', 'start', 'class'];

const PURIFY_CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|blob:|#)/i,
  ALLOW_DATA_ATTR: false,
};

/** Image sources that do not leave the machine: inline data and blobs made by this page. */
const LOCAL_IMAGE = /^(?:data:image\/|blob:)/i;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char]);
}

/** The model's own HTML, as visible text: inline as is, a block as a paragraph keeping its line breaks. */
function htmlAsText(text: string, block: boolean): string {
  if (!block) return escapeHtml(text);
  return `<p>${escapeHtml(text.trimEnd()).replace(/\n/g, '<br>')}</p>\n`;
}

/** What stands in for a remote image: its description, and where it would have come from. */
function blockedImage(href: string, alt: string): string {
  const label = alt ? `image: ${alt}` : 'image';
  return `<span class="blocked-image" title="Remote image not loaded: ${escapeHtml(href)}">[${escapeHtml(label)}]</span>`;
}

/** A renderer bound to a window (the page's, or jsdom's in tests). */
export function createMarkdownRenderer(window: WindowLike): MarkdownRenderer {
  const purify = createDOMPurify(window);
  // once, for this instance: a config passed to each sanitize() is parsed again each time (allow-lists rebuilt)
  purify.setConfig(PURIFY_CONFIG);
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A' && node.hasAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    }
    if (node.nodeName === 'IMG') {
      const src = node.getAttribute('src') ?? '';
      if (!LOCAL_IMAGE.test(src)) {
        node.removeAttribute('src');
        if (src) node.setAttribute('title', `Remote image not loaded: ${src}`);
      }
    }
  });
  const marked = new Marked({
    gfm: true,
    async: false,
    // the model's own HTML is shown as text, so `<img onerror=…>` reads as what it is
    renderer: {
      html: (token) => htmlAsText(token.text, 'block' in token && token.block === true),
      checkbox: ({ checked }) => (checked ? '☑ ' : '☐ '),
      image: ({ href, text }) => (LOCAL_IMAGE.test(href) ? false : blockedImage(href, text)),
    },
  });
  return (markdown) => purify.sanitize(marked.parse(markdown, { async: false }));
}

let pageRenderer: MarkdownRenderer | undefined;

/** Markdown as sanitised HTML, for the page's window. */
export function renderMarkdown(markdown: string): string {
  if (typeof window === 'undefined') throw new Error('renderMarkdown needs a DOM: use createMarkdownRenderer(window)');
  pageRenderer ??= createMarkdownRenderer(window);
  return pageRenderer(markdown);
}
