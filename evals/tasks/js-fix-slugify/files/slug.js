// Turns a title into a URL slug: lowercase words joined by single hyphens, nothing else.
function slugify(title) {
  return title.trim().replace(' ', '-');
}

module.exports = { slugify };
