#!/usr/bin/env python3
"""Stand-alone checker for Parley scenario YAML files (docs/scenario-format.md), written while the C# reader
was in progress. Checks the schema (field names, required fields, types), references, scales, saliences,
ranges, that every stance has evidence, and that every quote is a verbatim substring of its source file
(whitespace normalised only). With --complete, every actor must take a position on every issue.
Prints a sanity summary per issue: capability x salience weighted mean and median, overall and by group.

usage: python3 tools/check-hague.py SCENARIO.yaml [--sources DIR] [--complete] [--before YYYY-MM-DD] [--summary]
Needs PyYAML. Exit 0 when valid, 2 when not.
"""
import argparse, datetime, math, os, re, sys
import yaml

TOP = {"scenario", "salience_scale", "decision_rule", "agenda_setter", "issues", "actors", "shocks"}
SCEN = {"id", "title", "description", "as_of", "sources"}
SOURCE = {"id", "title", "url", "file"}
ISSUE = {"id", "title", "description", "scale", "anchors", "status_quo", "decision_rule", "agenda_setter", "outcome"}
SCALE = {"min", "max", "unit"}
ACTOR = {"id", "name", "group", "capability", "capability_range", "capability_evidence", "veto", "positions"}
STANCE = {"position", "salience", "range", "salience_range", "evidence", "salience_evidence"}
SHOCK = {"id", "description", "changes"}
CHANGE = {"round", "actor", "issue", "remove", "position", "salience", "capability"}
ID_RE = re.compile(r"^[A-Za-z0-9._-]+$")

errors = []
def err(where, msg): errors.append(f"{where}: {msg}")

def keys(obj, allowed, where, required=()):
    if not isinstance(obj, dict):
        err(where, f"expected a mapping, got {type(obj).__name__}"); return False
    for k in obj:
        if k not in allowed: err(f"{where}.{k}", f"unknown field (allowed: {', '.join(sorted(allowed))})")
    for k in required:
        if k not in obj: err(f"{where}.{k}", "missing required field")
    return True

def num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)

def norm(s): return " ".join(s.split())

def check_range(r, lo, hi, where, open_low=False):
    if not keys(r, {"low", "mode", "high"}, where, ("low", "high")): return
    vals = [r.get("low"), r.get("mode", r.get("low")), r.get("high")]
    if not all(num(v) for v in vals): err(where, "low/mode/high must be finite numbers"); return
    l, m, h = vals
    if not (l <= m <= h): err(where, f"need low <= mode <= high, got {l}, {m}, {h}")
    if (l <= lo if open_low else l < lo) or h > hi: err(where, f"range {l}..{h} outside the allowed {lo}..{hi}")

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file"); ap.add_argument("--sources", default="/work/shared")
    ap.add_argument("--complete", action="store_true"); ap.add_argument("--before")
    ap.add_argument("--summary", action="store_true")
    a = ap.parse_args()
    doc = yaml.safe_load(open(a.file, encoding="utf-8"))
    keys(doc, TOP, "(root)", ("scenario", "issues", "actors"))
    sc = doc.get("scenario", {})
    keys(sc, SCEN, "scenario", ("id", "title"))
    if not ID_RE.match(str(sc.get("id", ""))): err("scenario.id", "letters, digits, '-', '_', '.' only")
    if a.before and "as_of" in sc:
        if not (isinstance(sc["as_of"], datetime.date) and sc["as_of"] < datetime.date.fromisoformat(a.before)):
            err("scenario.as_of", f"must be an ISO date before {a.before}, got {sc['as_of']}")
    texts = {}
    for i, s in enumerate(sc.get("sources", []) or []):
        w = f"scenario.sources[{i}]"
        keys(s, SOURCE, w, ("id", "title"))
        if s.get("id") in texts: err(w, f"duplicate source id {s.get('id')}")
        path = os.path.join(a.sources, s["file"]) if s.get("file") else None
        if path and not os.path.exists(path): err(f"{w}.file", f"not found: {path}")
        texts[s.get("id")] = norm(open(path, encoding="utf-8").read()) if path and os.path.exists(path) else None
    scale1 = doc.get("salience_scale", 1)
    if scale1 not in (1, 100): err("salience_scale", "1 or 100")
    smax = float(scale1)
    if doc.get("decision_rule", "consensus") not in ("consensus", "majority") and not isinstance(doc.get("decision_rule"), dict):
        err("decision_rule", "consensus, majority or a mapping")

    issues = {}
    for i, it in enumerate(doc.get("issues") or []):
        w = f"issues[{i}]"
        if not keys(it, ISSUE, w, ("id", "title", "scale")): continue
        if it["id"] in issues: err(w, f"duplicate issue id {it['id']}")
        s = it.get("scale", {}); keys(s, SCALE, f"{w}.scale", ("min", "max"))
        if not (num(s.get("min")) and num(s.get("max")) and s["min"] < s["max"]): err(f"{w}.scale", "need numbers with min < max"); continue
        issues[it["id"]] = (s["min"], s["max"], it)
        for k in list((it.get("anchors") or {}).keys()):
            if not num(k) or not s["min"] <= k <= s["max"]: err(f"{w}.anchors.{k}", "anchor outside the scale")
        for f in ("status_quo", "outcome"):
            if f in it and not (num(it[f]) and s["min"] <= it[f] <= s["max"]): err(f"{w}.{f}", "outside the scale")
    if not issues: err("issues", "at least one issue")

    def check_ev(e, where):
        if not isinstance(e, dict): err(where, "evidence must be a mapping"); return
        if set(e) == {"judgement"}:
            if not str(e["judgement"]).strip(): err(where, "empty judgement")
            return
        if set(e) != {"source", "quote"}: err(where, "either {source, quote} or {judgement}"); return
        if e["source"] not in texts: err(f"{where}.source", f"unknown source {e['source']}"); return
        t = texts[e["source"]]
        if t is None: err(f"{where}.quote", f"cannot verify: source {e['source']} has no readable file"); return
        if norm(str(e["quote"])) not in t: err(f"{where}.quote", f"not a verbatim substring of {e['source']}: {e['quote']!r}")

    actors = {}
    for i, ac in enumerate(doc.get("actors") or []):
        w = f"actors[{i}]"
        if not keys(ac, ACTOR, w, ("id", "capability")): continue
        w = f"actors.{ac['id']}"
        if ac["id"] in actors: err(w, "duplicate actor id")
        if not ID_RE.match(str(ac["id"])): err(w, "bad id")
        actors[ac["id"]] = ac
        if not (num(ac["capability"]) and ac["capability"] > 0): err(f"{w}.capability", "finite number > 0")
        if "capability_range" in ac: check_range(ac["capability_range"], 0, float("inf"), f"{w}.capability_range", open_low=True)
        if "capability_evidence" in ac: check_ev(ac["capability_evidence"], f"{w}.capability_evidence")
        elif a.complete: err(f"{w}.capability_evidence", "missing")
        if "veto" in ac and not isinstance(ac["veto"], bool): err(f"{w}.veto", "true or false")
        pos = ac.get("positions") or {}
        for iid, st in pos.items():
            ww = f"{w}.positions.{iid}"
            if iid not in issues: err(ww, "unknown issue"); continue
            lo, hi, _ = issues[iid]
            if not keys(st, STANCE, ww, ("position", "salience")): continue
            if not (num(st["position"]) and lo <= st["position"] <= hi): err(f"{ww}.position", f"{st['position']} outside {lo}..{hi}")
            if not (num(st["salience"]) and 0 <= st["salience"] <= smax): err(f"{ww}.salience", f"outside 0..{smax:g}")
            if "range" in st: check_range(st["range"], lo, hi, f"{ww}.range")
            if "salience_range" in st: check_range(st["salience_range"], 0, smax, f"{ww}.salience_range")
            if "evidence" in st: check_ev(st["evidence"], f"{ww}.evidence")
            else: err(f"{ww}.evidence", "every stance needs evidence (source + quote, or judgement)")
            if "salience_evidence" in st: check_ev(st["salience_evidence"], f"{ww}.salience_evidence")
        if a.complete:
            for iid in issues:
                if iid not in pos: err(w, f"no stance on issue {iid}")
    if len(actors) < 2: err("actors", "at least two actors")
    for iid in issues:
        if sum(1 for ac in actors.values() if iid in (ac.get("positions") or {})) < 2: err(f"issues.{iid}", "fewer than two positioned actors")
    for where, setter in [("agenda_setter", doc.get("agenda_setter"))] + [(f"issues.{k}.agenda_setter", v[2].get("agenda_setter")) for k, v in issues.items()]:
        if setter is not None and setter not in actors: err(where, f"unknown actor {setter}")
    shock_ids = set()
    for i, sh in enumerate(doc.get("shocks") or []):
        w = f"shocks[{i}]"
        if not keys(sh, SHOCK, w, ("id", "changes")): continue
        if sh["id"] in shock_ids: err(w, "duplicate shock id")
        shock_ids.add(sh["id"])
        for j, c in enumerate(sh.get("changes") or []):
            ww = f"{w}.changes[{j}]"
            if not keys(c, CHANGE, ww, ("round", "actor")): continue
            kinds = [k for k in ("remove", "position", "salience", "capability") if k in c]
            if len(kinds) != 1: err(ww, "exactly one of remove/position/salience/capability")
            if c["actor"] not in actors: err(ww, f"unknown actor {c['actor']}")
            if not (isinstance(c["round"], int) and c["round"] >= 0): err(ww, "round: integer >= 0")
            if ("position" in c or "salience" in c) and c.get("issue") not in issues: err(ww, "position/salience need a known issue")
            if "position" in c and c.get("issue") in issues:
                lo, hi, _ = issues[c["issue"]]
                if not lo <= c["position"] <= hi: err(ww, "position outside the scale")
            if "salience" in c and not 0 <= c["salience"] <= smax: err(ww, "salience outside range")

    for e in errors: print(f"{a.file}: error: {e}")
    if errors: print(f"{len(errors)} error(s)"); sys.exit(2)
    n_ev = sum(1 for ac in actors.values() for st in (ac.get("positions") or {}).values() for k in ("evidence", "salience_evidence") if k in st)
    n_q = sum(1 for ac in actors.values() for st in (ac.get("positions") or {}).values() for k in ("evidence", "salience_evidence")
              if k in st and "quote" in st[k])
    print(f"{a.file}: valid: {len(issues)} issues, {len(actors)} actors, {n_ev} evidence entries ({n_q} quotes verified)")
    if a.summary: summary(doc, issues, actors)

def wmedian(pairs):  # lower weighted median: the first position where the cumulative weight reaches half
    pairs = sorted(pairs); tot = sum(w for _, w in pairs); acc = 0
    for x, w in pairs:
        acc += w
        if acc >= tot / 2 - 1e-12: return x

def summary(doc, issues, actors):
    cap = {k: float(v["capability"]) for k, v in actors.items()}
    print(f"\ncapability total {sum(cap.values()):.1f}; largest share {max(cap, key=cap.get)} {max(cap.values())/sum(cap.values()):.1%}")
    for iid, (lo, hi, it) in issues.items():
        rows = [(k, ac.get("group", k), ac["positions"][iid]) for k, ac in actors.items() if iid in (ac.get("positions") or {})]
        print(f"\n== {iid} ({lo}..{hi}, status quo {it.get('status_quo')})")
        groups = {}
        for k, g, st in rows: groups.setdefault(g, []).append((k, st))
        print(f"  {'group':22} {'n':>2} {'positions':>16} {'salience':>9} {'capability':>10}")
        for g, members in groups.items():
            ps = sorted({st['position'] for _, st in members}); ss = [st['salience'] for _, st in members]
            pstr = "/".join(f"{p:g}" for p in ps)
            print(f"  {g:22} {len(members):>2} {pstr:>16} {sum(ss)/len(ss):>9.2f} {sum(cap[k] for k, _ in members):>10.1f}")
        for label, cf in (("capability x salience", lambda k: cap[k]), ("sqrt(capability) x salience", lambda k: math.sqrt(cap[k])),
                          ("equal x salience", lambda k: 1.0)):
            pairs = [(st["position"], cf(k) * st["salience"]) for k, _, st in rows]
            mean = sum(p * w for p, w in pairs) / sum(w for _, w in pairs)
            top = max(range(len(rows)), key=lambda i: pairs[i][1])
            share = pairs[top][1] / sum(w for _, w in pairs)
            print(f"  {label:28} mean {mean:8.2f}  median {wmedian(pairs):8.2f}  (largest weight: {rows[top][0]} {share:.0%})")
        sq = it.get("status_quo")
        setter = it.get("agenda_setter", doc.get("agenda_setter"))
        if sq is not None:
            # unanimity win-set of the status quo (distance utilities): every actor must prefer x to sq
            wl, wh = lo, hi
            for _, _, st in rows:
                x = st["position"]; d = abs(x - sq)
                wl, wh = max(wl, x - d), min(wh, x + d)
            sp = actors[setter]["positions"][iid]["position"] if setter in actors and iid in actors[setter].get("positions", {}) else None
            if wl >= wh: print(f"  unanimity: gridlock (win-set of the status quo is {{{sq:g}}})")
            else:
                pick = f"; setter {setter} at {sp:g} proposes {min(max(sp, wl), wh):g}" if sp is not None else ""
                print(f"  unanimity: win-set {wl:g}..{wh:g} (status quo excluded){pick}")
            at = [k for k, _, st in rows if st["position"] == sq]
            if at: print(f"  actors exactly at the status quo ({len(at)}): {', '.join(at)}")

if __name__ == "__main__":
    main()
