#!/usr/bin/env bash
cat > slug.js <<'JS'
// Turns a title into a URL slug: lowercase words joined by single hyphens, nothing else.
function slugify(title) {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

module.exports = { slugify };
JS
