#!/usr/bin/env python3
"""Turn real Markdown books written elsewhere into autochitect book folders.

usage: prepare.py MIRROR_ROOT OUT_DIR

MIRROR_ROOT holds bare git snapshots as the search tool's `fetch` leaves them
(MIRROR_ROOT/owner+name/repo); OUT_DIR receives one book folder per book
(OUT_DIR/NAME/book.yml, OUT_DIR/NAME/articles/...). A book whose mirror is
missing is skipped with a note. See README.md next to this file.

The adapter does only what our input format strictly requires, so that the
program meets the books as their authors wrote them:

  * front matter is added (mdBook) or converted from TOML to YAML (Zola);
  * files are moved into articles/, with their pictures next to them so that
    the relative paths written in the articles still resolve;
  * mdBook's {{#include}} / {{#rustdoc_include}} / {{#playground}} directives
    are expanded the way mdBook's `links` preprocessor does it (before any
    renderer sees the chapter), when the included file exists.

Nothing else in the bodies is touched: no DOCTYPE, form feed, raw HTML,
`.html` link, custom element or hidden `# ` code line is removed or rewritten,
with one exception for blog posts that were folders (see blog_book).
"""
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import io
import tomllib

MD_START = datetime.date(2020, 1, 1)  # date of the first mdBook chapter


def log(msg):
    print(f"prepare: {msg}", file=sys.stderr)


def export(mirror, paths, dest):
    """git archive HEAD PATHS of a bare mirror, extracted into dest."""
    out = subprocess.run(["git", "--git-dir", mirror, "archive", "HEAD", *paths],
                         check=True, stdout=subprocess.PIPE).stdout
    with tarfile.open(fileobj=io.BytesIO(out)) as t:
        t.extractall(dest, filter="data")
    rev = subprocess.run(["git", "--git-dir", mirror, "rev-parse", "HEAD"],
                         check=True, stdout=subprocess.PIPE, text=True).stdout.strip()
    return rev


# ---- YAML emitting (no dependency: JSON scalars are valid YAML flow scalars) --

def yaml_scalar(v):
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    if isinstance(v, bool) or v is None or isinstance(v, (int, float)):
        return json.dumps(v)
    return json.dumps(str(v), ensure_ascii=False)


def yaml_lines(d, indent=0):
    pad = "  " * indent
    lines = []
    for k, v in d.items():
        key = k if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", k) else json.dumps(k)
        if isinstance(v, dict):
            lines.append(f"{pad}{key}:")
            lines += yaml_lines(v, indent + 1)
        elif isinstance(v, list):
            if all(not isinstance(x, (dict, list)) for x in v):
                lines.append(f"{pad}{key}: [{', '.join(yaml_scalar(x) for x in v)}]")
            else:  # list of tables: block sequence
                lines.append(f"{pad}{key}:")
                for x in v:
                    sub = yaml_lines(x, indent + 2) if isinstance(x, dict) else [yaml_scalar(x)]
                    lines.append(f"{pad}  - " + sub[0].strip())
                    lines += sub[1:]
        else:
            lines.append(f"{pad}{key}: {yaml_scalar(v)}")
    return lines


def front_matter(d):
    return "---\n" + "\n".join(yaml_lines(d)) + "\n---\n"


def write_book_yml(dest, meta):
    os.makedirs(dest, exist_ok=True)
    with open(os.path.join(dest, "book.yml"), "w", encoding="utf-8") as f:
        f.write("\n".join(yaml_lines(meta)) + "\n")


def copy_assets(src_dir, dst_dir, skip_ext=(".md",)):
    """Copy every file but the Markdown ones, keeping relative paths."""
    n = 0
    for root, _dirs, files in os.walk(src_dir):
        for fn in files:
            if fn.endswith(skip_ext):
                continue
            rel = os.path.relpath(os.path.join(root, fn), src_dir)
            os.makedirs(os.path.dirname(os.path.join(dst_dir, rel)), exist_ok=True)
            shutil.copy2(os.path.join(root, fn), os.path.join(dst_dir, rel))
            n += 1
    return n


# ---- mdBook ------------------------------------------------------------------

# mdBook's link preprocessor (src/preprocess/links.rs): `\{{#...}}` is an escape
# (printed without the backslash), else {{#KIND ARGS}}.
DIRECTIVE = re.compile(r"\\\{\{#.*?\}\}|\{\{\s*#([a-zA-Z0-9_]+)\s+([^}]+?)\s*\}\}")
ANCHOR_START = re.compile(r"ANCHOR:\s*([\w_-]+)")
ANCHOR_END = re.compile(r"ANCHOR_END:\s*([\w_-]+)")


def parse_target(arg):
    """'file.rs:anchor' | 'file.rs:2' | 'file.rs:2:10' | 'file.rs::10' | 'file.rs:2:'"""
    parts = arg.split(":")
    path, rest = parts[0], parts[1:]
    if not rest:
        return path, ("range", None, None)
    if len(rest) == 1 and rest[0] and not rest[0].isdigit():
        return path, ("anchor", rest[0])
    start = int(rest[0]) - 1 if rest[0].isdigit() else 0
    if len(rest) == 1:  # ':N' is line N alone
        return path, ("range", start, start + 1 if rest[0].isdigit() else None)
    end = int(rest[1]) if rest[1].isdigit() else None
    return path, ("range", start, end)


def take(text, sel, rustdoc):
    lines = text.split("\n")
    if text.endswith("\n"):
        lines = lines[:-1]
    out = []
    if sel[0] == "range":
        start, end = sel[1] or 0, sel[2]
        for i, line in enumerate(lines):
            inside = i >= start and (end is None or i < end)
            if inside:
                out.append(line)
            elif rustdoc:  # lines outside are kept, hidden with '# '
                out.append("# " + line)
        return "\n".join(out)
    anchor, inside = sel[1], False
    for line in lines:
        if inside:
            m = ANCHOR_END.search(line)
            if m and m.group(1) == anchor:
                inside = False
            elif not ANCHOR_START.search(line) and not ANCHOR_END.search(line):
                out.append(line)
        else:
            m = ANCHOR_START.search(line)
            if m:
                if m.group(1) == anchor:
                    inside = True
            elif rustdoc and not ANCHOR_END.search(line):
                out.append("# " + line)
    return "\n".join(out)


def expand(text, base_dir, stats, depth=0):
    def repl(m):
        if m.group(0).startswith("\\"):
            return m.group(0)[1:]
        kind, arg = m.group(1), m.group(2).strip()
        if kind not in ("include", "rustdoc_include", "playground"):
            stats["other"] = stats.get("other", 0) + 1
            return m.group(0)
        if kind == "playground":
            arg = arg.split()[0]
        path, sel = parse_target(arg)
        full = os.path.normpath(os.path.join(base_dir, path))
        if not os.path.isfile(full):
            stats["missing"] = stats.get("missing", 0) + 1
            return m.group(0)
        with open(full, encoding="utf-8", errors="surrogateescape") as f:
            body = f.read()
        stats[kind] = stats.get(kind, 0) + 1
        if kind == "playground":  # mdBook wraps it in a rust code block
            attrs = m.group(2).split()[1:]
            return "```rust" + ("," + ",".join(attrs) if attrs else "") + "\n" + body + "\n```"
        body = take(body, sel, kind == "rustdoc_include")
        if depth < 10:  # mdBook expands included text again, 10 levels deep
            body = expand(body, os.path.dirname(full), stats, depth + 1)
        return body
    return DIRECTIVE.sub(repl, text)


SUMMARY_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\]]*\])*)\]\(([^)]*)\)")


def summary_entries(summary_text):
    """(title, path) for each chapter link of SUMMARY.md, in order; draft
    chapters (empty path) and part titles ('# Part') are left out."""
    seen, out = set(), []
    in_fence = False
    for line in summary_text.splitlines():
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        if in_fence:
            continue
        for m in SUMMARY_LINK.finditer(line):
            title, path = m.group(1).strip(), m.group(2).strip()
            path = path.split("#")[0]
            if not path.endswith(".md") or path in seen:
                continue
            seen.add(path)
            out.append((title, path))
    return out


def first_h1(text):
    in_fence = None
    for line in text.splitlines():
        s = line.strip()
        fm = re.match(r"(`{3,}|~{3,})", s)
        if fm:
            if in_fence is None:
                in_fence = fm.group(1)[0]
            elif s.startswith(in_fence):
                in_fence = None
            continue
        if in_fence is None and re.match(r"# +\S", line):
            return re.sub(r"\s+#+\s*$", "", line[1:].strip())
    return None


def slug_key(stem):
    """The article slug the program makes of a file name (ac_slugify): ASCII
    letters and digits, lower case, each other run of punctuation or space a
    '-', apostrophes dropped."""
    return "-".join(re.findall(r"[a-z0-9]+", stem.lower().replace("'", "")))


def mdbook(name, mirror, out, src="src", extra_paths=()):
    """One article per SUMMARY.md chapter, in its order:
       - file articles/SLUG.md, SLUG = the chapter file's name without .md (a
         chapter in a subfolder, vec/vec-alloc.md, becomes vec-alloc.md when
         that name is not a top-level chapter's or taken, else vec-vec-alloc.md;
         names are compared as the slugs they give: type_system.md is
         type-system.md): mdBook's `SLUG.html`
         links between chapters of one folder resolve, `../x.html` links of
         nested chapters stay as written;
       - title: the chapter's first '# ' heading, else its SUMMARY entry;
       - date: MD_START + N days for the N-th chapter, so date order = SUMMARY order;
       - every non-Markdown file under src/ copied to articles/ with its
         relative path (src/img/x.svg -> articles/img/x.svg);
       - includes expanded (see expand); the rest of the body as written."""
    tmp = os.path.join(out, ".src", name)
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    rev = export(mirror, [src, "book.toml", *extra_paths], tmp)
    with open(os.path.join(tmp, "book.toml"), "rb") as f:
        conf = tomllib.load(f).get("book", {})
    srcdir = os.path.join(tmp, src)
    with open(os.path.join(srcdir, "SUMMARY.md"), encoding="utf-8") as f:
        entries = summary_entries(f.read())

    dest = os.path.join(out, name)
    shutil.rmtree(dest, ignore_errors=True)
    arts = os.path.join(dest, "articles")
    os.makedirs(arts)
    nassets = copy_assets(srcdir, arts)
    meta = {"title": conf.get("title", name)}
    if conf.get("description"):
        meta["subtitle"] = conf["description"]
    if conf.get("authors"):
        meta["author"] = conf["authors"]
    meta["language"] = conf.get("language", "en")
    meta["slug"] = name
    write_book_yml(dest, meta)

    # A top-level chapter keeps its name; a nested one gives way to it.
    used = {slug_key(os.path.splitext(p)[0]) for _, p in entries if "/" not in p}
    stats, n = {}, 0
    for i, (stitle, path) in enumerate(entries):
        full = os.path.join(srcdir, path)
        if not os.path.isfile(full):
            log(f"{name}: {path} listed in SUMMARY.md is missing, skipped")
            continue
        with open(full, encoding="utf-8", errors="surrogateescape") as f:
            text = f.read()
        text = expand(text, os.path.dirname(full), stats)
        stem = os.path.splitext(os.path.basename(path))[0]
        if "/" in path:
            slug = stem if slug_key(stem) not in used else os.path.splitext(path)[0].replace("/", "-")
        else:
            slug = stem
        used.add(slug_key(slug))
        fm = {"title": first_h1(text) or stitle,
              "date": (MD_START + datetime.timedelta(days=i)).isoformat()}
        with open(os.path.join(arts, slug + ".md"), "w", encoding="utf-8",
                  errors="surrogateescape") as f:
            f.write(front_matter(fm) + "\n" + text)
        n += 1
    log(f"{name}: {n} chapters, {nassets} other files, includes {stats} (rev {rev[:12]})")


# ---- Zola blog (TOML front matter) -------------------------------------------

TOML_FM = re.compile(r"\A\+\+\+[ \t]*\r?\n(.*?)\r?\n\+\+\+[ \t]*\r?\n", re.S)
URL_ATTR = re.compile(r"""(\]\(\s*<?|\]:[ \t]+<?|\b(?:src|href)\s*=\s*["']?)([^\s)"'>]+)""")


def blog_book(name, mirror, out, section, title, subtitle):
    """One article per post of one Zola section (content/*.md and
    content/*/index.md; or content/inside-rust/...):
       - file articles/YYYY-MM-DD-NAME.md (a Jekyll name: the date and the slug
         come from it), from the post's `path = "YYYY/MM/DD/NAME"`;
       - TOML front matter converted to YAML key by key ([extra] becomes a
         nested mapping); no key added, none removed;
       - a post that is a folder (NAME/index.md + pictures) has its files
         copied to articles/NAME/..., and its relative URLs that name one of
         those files (`chart.png`, `./chart.svg`) get `NAME/` in front: the
         only change made to bodies, since the post itself moved out of its
         folder. Every other URL is left as written (Zola's `@/x.md`, too)."""
    tmp = os.path.join(out, ".src", "blog")
    if not os.path.isdir(os.path.join(tmp, "content")):
        os.makedirs(tmp, exist_ok=True)
        export(mirror, ["content"], tmp)
    root = os.path.join(tmp, "content", section) if section else os.path.join(tmp, "content")
    dest = os.path.join(out, name)
    shutil.rmtree(dest, ignore_errors=True)
    arts = os.path.join(dest, "articles")
    os.makedirs(arts)
    write_book_yml(dest, {"title": title, "subtitle": subtitle,
                          "author": "The Rust Project", "language": "en", "slug": name})
    posts = []
    for fn in sorted(os.listdir(root)):
        p = os.path.join(root, fn)
        if fn.endswith(".md") and not fn.startswith("_"):
            posts.append((p, None))
        elif os.path.isdir(p) and os.path.isfile(os.path.join(p, "index.md")):
            posts.append((os.path.join(p, "index.md"), p))
    n = nrebased = 0
    for path, folder in posts:
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            text = f.read()
        m = TOML_FM.match(text)
        if not m:
            log(f"{name}: {path}: no TOML front matter, copied as it is")
            fm_yaml, body, meta = "", text, {}
        else:
            meta = tomllib.loads(m.group(1))
            fm_yaml, body = front_matter(meta), text[m.end():]
        pm = re.match(r"(?:inside-rust/)?(\d{4})/(\d\d)/(\d\d)/(.+)", meta.get("path", ""))
        if pm:
            fname = f"{pm.group(1)}-{pm.group(2)}-{pm.group(3)}-{pm.group(4).strip('/').replace('/', '-')}.md"
        else:
            log(f"{name}: {path}: no dated `path`, file name kept")
            fname = os.path.basename(folder) + ".md" if folder else os.path.basename(path)
        if folder:
            sub = os.path.basename(folder)
            copy_assets(folder, os.path.join(arts, sub))
            have = {os.path.relpath(os.path.join(r, f), folder)
                    for r, _d, fs in os.walk(folder) for f in fs}

            def rebase(mm):
                nonlocal nrebased
                url = mm.group(2)
                rel = url[2:] if url.startswith("./") else url
                if rel in have and not rel.endswith(".md"):
                    nrebased += 1
                    return mm.group(1) + sub + "/" + rel
                return mm.group(0)
            body = URL_ATTR.sub(rebase, body)
        with open(os.path.join(arts, fname), "w", encoding="utf-8", errors="surrogateescape") as f:
            f.write(fm_yaml + body)
        n += 1
    log(f"{name}: {n} posts ({sum(1 for _p, d in posts if d)} folders, {nrebased} URLs rebased)")


HTML_TAG = re.compile(r"<(?:details|summary|table|td|div|span|p|img|figure|script|noscript|iframe|progress|aside|a)\b", re.I)


def blog_sample(out, name, books, count):
    """A book of the `count` posts of `books` with the most raw HTML tags,
    with their picture folders: the blogs' constructs in a book small enough
    for DAISY Ace to check in minutes (Ace takes half an hour on 400 posts)."""
    dest = os.path.join(out, name)
    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(os.path.join(dest, "articles"))
    scored = []
    for b in books:
        arts = os.path.join(out, b, "articles")
        for fn in os.listdir(arts):
            if fn.endswith(".md"):
                with open(os.path.join(arts, fn), encoding="utf-8", errors="surrogateescape") as f:
                    text = f.read()
                scored.append((-len(HTML_TAG.findall(text)), b, fn))
    picked = sorted(scored)[:count]
    for _score, b, fn in picked:
        arts = os.path.join(out, b, "articles")
        shutil.copy2(os.path.join(arts, fn), os.path.join(dest, "articles", fn))
        with open(os.path.join(arts, fn), encoding="utf-8", errors="surrogateescape") as f:
            text = f.read()
        # the picture folders the post names (they keep the post's original
        # folder name, which need not be its file name)
        for d in os.listdir(arts):
            if os.path.isdir(os.path.join(arts, d)) and (d + "/") in text:
                shutil.copytree(os.path.join(arts, d), os.path.join(dest, "articles", d), dirs_exist_ok=True)
    write_book_yml(dest, {"title": "Rust blogs, a sample", "author": "The Rust Project",
                          "language": "en", "slug": name})
    log(f"{name}: {len(picked)} posts of {', '.join(books)} with the most raw HTML")


# ---- Jekyll site (posts with YAML front matter) ----------------------------

def jekyll_posts(name, mirror, out, site, title, author):
    """The posts of a Jekyll site (SITE/_posts) as they are, every file
       copied unchanged into articles/ (Jekyll's .markdown posts included),
       and the site's img/ folder at the book's root, where the posts'
       root paths (/img/x.png) find their pictures."""
    tmp = os.path.join(out, ".src", name)
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    rev = export(mirror, [f"{site}/_posts", f"{site}/img"], tmp)
    dest = os.path.join(out, name)
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(os.path.join(tmp, site, "_posts"), os.path.join(dest, "articles"))
    shutil.copytree(os.path.join(tmp, site, "img"), os.path.join(dest, "img"))
    write_book_yml(dest, {"title": title, "author": author, "language": "en", "slug": name})
    n = len(os.listdir(os.path.join(dest, "articles")))
    log(f"{name}: {n} posts (rev {rev[:12]})")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.split("\n\n")[1])
    mirrors, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)

    def mirror(repo):
        d = os.path.join(mirrors, repo.replace("/", "+"), "repo")
        if not os.path.isdir(d):
            log(f"no mirror {d}: fetch github:{repo} first; skipped")
            return None
        return d

    if (m := mirror("rust-lang/book")):
        mdbook("rust-book", m, out, extra_paths=["listings"])
    if (m := mirror("rust-lang/nomicon")):
        mdbook("nomicon", m, out)
    if (m := mirror("rust-lang/reference")):
        mdbook("reference", m, out)
    if (m := mirror("rust-lang/rust-by-example")):
        mdbook("rust-by-example", m, out)
    if (m := mirror("jekyll/jekyll")):
        jekyll_posts("jekyll-news", m, out, "docs", "Jekyll News", "The Jekyll team")
    if (m := mirror("rust-lang/blog.rust-lang.org")):
        blog_book("rust-blog", m, out, "", "Rust Blog",
                  "Empowering everyone to build reliable and efficient software.")
        blog_book("inside-rust", m, out, "inside-rust", "Inside Rust Blog",
                  "Updates from the Rust project's teams")
        blog_sample(out, "blog-sample", ["rust-blog", "inside-rust"], 40)
    shutil.rmtree(os.path.join(out, ".src", "blog"), ignore_errors=True)


if __name__ == "__main__":
    main()
