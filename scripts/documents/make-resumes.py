#!/usr/bin/env python3
"""Writes fixtures/documents/resumes/: fictional resumes (no real person's) as PDF and DOCX from
different real producing tools, each beside the text it was made from (<name>.txt, the expected
text: blocks split by blank lines, a heading line, "- " bullets; for a two-column layout the
sidebar blocks come first). crates/documents/tests/resumes.rs reads them back and measures word
recall, merged/split words, bullets and column order (docs/quality.md).

    python3 scripts/documents/make-resumes.py        # installs its PyPI/Debian tools if missing

Tools: ReportLab (Type1 core fonts, TrueType subsets), fpdf2 (core and TrueType), WeasyPrint
(HTML/CSS with HarfBuzz shaping, ligatures), headless Chromium print-to-PDF (Skia), groff -ms
(Type1, .2C two columns), pdflatex (Type1 CM/Latin Modern, ligatures) when texlive is installed,
python-docx (DOCX).
"""
import html, os, shutil, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "fixtures", "documents", "resumes")

def need(module, package):
    try:
        __import__(module)
    except ImportError:
        subprocess.check_call([sys.executable, "-m", "pip", "install", package])

for module, package in [("reportlab", "reportlab"), ("fpdf", "fpdf2"), ("docx", "python-docx"), ("weasyprint", "weasyprint")]:
    need(module, package)

# Fictional people; the words include ligature pairs (fi, fl, ffi) on purpose.
PEOPLE = {
 "software": ("Mara Lindqvist", "Backend Engineer | mara.lindqvist@example.com | +46 70 555 0101", "Profile",
   "Backend engineer with eight years of experience building efficient, reliable financial services.",
   "Experience", ["Senior Engineer, Nordpay AB, 2019 to 2024", "- Designed a payment workflow in Rust serving 40 million requests a day",
   "- Cut infrastructure costs by 30 percent through profiling and caching", "- Mentored five engineers and led the on-call rotation"],
   "Education", ["MSc Computer Science, Uppsala University, 2016"], "Skills", ["Rust, Go, PostgreSQL, Kafka, Kubernetes, AWS"]),
 "nursing": ("Daniel Okafor", "Registered Nurse | d.okafor@example.org | 555 0134", "Summary",
   "Compassionate registered nurse certified in critical care with fluent Spanish.",
   "Experience", ["Charge Nurse, Riverside General Hospital, 2017 to 2024", "- Supervised a team of twelve nurses on a thirty bed intensive care unit",
   "- Introduced a medication reconciliation checklist that halved dosing errors", "- Trained new staff in ventilator management and infection control"],
   "Education", ["Bachelor of Science in Nursing, Lakeview College, 2015"], "Certifications", ["CCRN, BLS, ACLS, PALS"]),
 "accounting": ("Priya Raman", "Chartered Accountant | priya.raman@example.net", "Profile",
   "Chartered accountant with a focus on financial reporting, audit and efficient month end closing.",
   "Experience", ["Finance Manager, Halden Logistics, 2018 to 2024", "- Closed the books in four days instead of nine by automating reconciliations",
   "- Prepared consolidated statements under IFRS for three subsidiaries", "- Reduced audit findings from fourteen to two in one fiscal year"],
   "Education", ["BCom Accounting, University of Leeds, 2012"], "Skills", ["IFRS, SAP, Excel, Power BI, tax compliance"]),
 "teaching": ("Elena Petrova", "Secondary School Teacher | elena.petrova@example.com", "Profile",
   "Mathematics teacher who brings difficult ideas to life through projects and fieldwork.",
   "Experience", ["Mathematics Teacher, Westfield Academy, 2014 to 2024", "- Raised pass rates in final exams from 68 to 89 percent",
   "- Founded an after school robotics club with forty members", "- Coordinated the curriculum review for years seven to nine"],
   "Education", ["PGCE Secondary Mathematics, University of Bristol, 2013"], "Languages", ["English, Russian, French"]),
 "design": ("Tomás Ferreira", "Product Designer | tomas@example.design | Lisbon", "About",
   "Product designer crafting fluid, accessible interfaces for fintech and healthcare apps.",
   "Experience", ["Lead Designer, Fluxo Studio, 2020 to 2024", "- Redesigned the onboarding flow and lifted activation by 22 percent",
   "- Built a design system of 180 components used by six product teams", "- Ran usability studies with 60 participants across three countries"],
   "Education", ["BA Communication Design, University of Porto, 2015"], "Tools", ["Figma, Sketch, Illustrator, Principle, HTML, CSS"]),
 "research": ("Dr. Aiko Tanaka", "Postdoctoral Researcher | a.tanaka@example.ac.jp", "Research Interests",
   "Protein folding, molecular dynamics simulation and efficient sampling of free energy landscapes.",
   "Positions", ["Postdoctoral Fellow, Kyoto Institute of Biophysics, 2021 to 2024", "- Published six first author papers on coarse grained simulation",
   "- Secured a three year fellowship from the national science foundation", "- Supervised four master students and taught a graduate course"],
   "Education", ["PhD Chemistry, Osaka University, 2020"], "Skills", ["GROMACS, Python, CUDA, statistical mechanics"]),
 "marketing": ("Sofia Marchetti", "Marketing Manager | sofia.marchetti@example.it", "Profile",
   "Marketing manager fluent in brand strategy, paid social and influencer campaigns.",
   "Experience", ["Marketing Manager, Bella Foods, 2016 to 2024", "- Launched a campaign that reached nine million people in six weeks",
   "- Grew newsletter subscribers from 12 thousand to 85 thousand", "- Managed an annual budget of two million euros"],
   "Education", ["MA Marketing, Bocconi University, 2015"], "Skills", ["Google Ads, Meta Ads, HubSpot, SEO, copywriting"]),
 "electrician": ("Liam O'Connor", "Licensed Electrician | liam.oconnor@example.ie | Cork", "Summary",
   "Licensed electrician with fifteen years of residential and commercial field experience.",
   "Experience", ["Site Electrician, Shannon Builders, 2012 to 2024", "- Wired over 300 homes to code with zero failed inspections",
   "- Installed solar panels and battery storage for forty farms", "- Trained six apprentices in safe isolation and testing"],
   "Education", ["Electrical Apprenticeship, SOLAS, 2009"], "Certificates", ["Safe Pass, Manual Handling, First Aid"]),
 "data": ("Chen Wei", "Data Scientist | chen.wei@example.com", "Profile",
   "Data scientist who turns messy logs into forecasts that finance and operations trust.",
   "Experience", ["Data Scientist, Orbit Retail, 2019 to 2024", "- Built a demand forecast that cut stockouts by 18 percent",
   "- Shipped a churn model to production with weekly retraining", "- Wrote internal workshops on experiment design and causal inference"],
   "Education", ["MS Statistics, University of Toronto, 2018"], "Skills", ["Python, SQL, Spark, scikit-learn, dbt, Airflow"]),
 "chef": ("Amara Diallo", "Head Chef | amara.diallo@example.fr | Lyon", "Profile",
   "Head chef specialised in seasonal West African and French fusion cuisine.",
   "Experience", ["Head Chef, Maison Baobab, 2017 to 2024", "- Led a kitchen brigade of fourteen cooks serving 200 covers a night",
   "- Reduced food waste by a quarter through menu planning and stock rotation", "- Earned a Bib Gourmand mention two years in a row"],
   "Education", ["Diploma in Culinary Arts, Institut Paul Bocuse, 2010"], "Languages", ["French, English, Wolof"]),
 "hr": ("Grace Mbeki", "People Partner | grace.mbeki@example.co.za", "Summary",
   "Human resources partner focused on fair hiring, workforce planning and staff wellbeing.",
   "Experience", ["HR Business Partner, Karoo Energy, 2015 to 2024", "- Cut time to hire from 52 to 31 days with structured interviews",
   "- Rolled out a flexible working policy to 1200 employees", "- Resolved employee relations cases with a retention rate of 94 percent"],
   "Education", ["BA Industrial Psychology, University of Cape Town, 2012"], "Skills", ["Workday, labour law, coaching, conflict resolution"]),
 "pharmacist": ("Jonas Weber", "Pharmacist | jonas.weber@example.de | Hamburg", "Profile",
   "Community pharmacist offering medication reviews and vaccination services.",
   "Experience", ["Pharmacist in Charge, Elbe Apotheke, 2016 to 2024", "- Dispensed around 400 prescriptions a day with a dual check workflow",
   "- Set up a flu vaccination clinic that served 2500 patients", "- Negotiated supplier contracts and trimmed inventory costs"],
   "Education", ["State Examination in Pharmacy, University of Kiel, 2015"], "Languages", ["German, English, Danish"]),
}

def blocks(key):
    name, contact, h1, summary, h2, exp, h3, edu, h4, extra = PEOPLE[key]
    return [[name, contact], [h1, summary], [h2] + exp, [h3] + edu, [h4] + extra]

def write_text(stem, blks):
    with open(os.path.join(OUT, stem + ".txt"), "w") as f:
        f.write("\n\n".join("\n".join(b) for b in blks) + "\n")

def sidebar_order(key):
    """Two-column layouts: name, then the side (education, skills), then the main column."""
    b = blocks(key)
    return [b[0], b[3], b[4], b[1], b[2]], [b[3], b[4]], [b[1], b[2]]

def strip(l):
    return l[2:] if l.startswith("- ") else l

# ---------- HTML for WeasyPrint and Chromium ----------
def block_html(b, bullet_class=""):
    out = "<h2>%s</h2>" % html.escape(b[0])
    items = [l for l in b[1:] if l.startswith("- ")]
    for l in b[1:]:
        if not l.startswith("- "):
            out += "<p>%s</p>" % html.escape(l)
    if items:
        out += "<ul%s>%s</ul>" % (bullet_class, "".join("<li>%s</li>" % html.escape(strip(l)) for l in items))
    return out

CSS = {
 "one": "body{font-family:'DejaVu Serif',serif;font-size:10.5pt;margin:0 2em} h1{font-size:20pt} h2{font-size:12pt;border-bottom:1px solid #888}",
 "sidebar": "body{margin:0;font-family:'DejaVu Sans',sans-serif;font-size:10pt} .grid{display:flex} aside{width:32%;background:#234;color:#fff;padding:1em;min-height:25cm} main{width:60%;padding:1em} h2{text-transform:none;font-size:11pt}",
 "table": "body{font-family:'Liberation Sans','DejaVu Sans',sans-serif;font-size:10pt} table{width:100%;border-collapse:collapse} td{vertical-align:top;padding:4px;border-bottom:1px solid #ccc} td.h{width:25%;font-weight:bold}",
 "squares": "body{font-family:'DejaVu Sans';font-size:10pt;letter-spacing:0.02em} ul{list-style:none;padding-left:0} li::before{content:'\\25AA  '} h2{font-variant:small-caps}",
}

def page_html(key, layout):
    b = blocks(key)
    head = "<h1>%s</h1><p>%s</p>" % (html.escape(b[0][0]), html.escape(b[0][1]))
    if layout == "sidebar":
        _, side, main = sidebar_order(key)
        body = "%s<div class=grid><aside>%s</aside><main>%s</main></div>" % (head, "".join(map(block_html, side)), "".join(map(block_html, main)))
    elif layout == "table":
        rows = ""
        for blk in b[1:]:
            cell = "".join("<p>%s%s</p>" % ("&#8226; " if l.startswith("- ") else "", html.escape(strip(l))) for l in blk[1:])
            rows += "<tr><td class=h>%s</td><td>%s</td></tr>" % (html.escape(blk[0]), cell)
        body = head + "<table>%s</table>" % rows
    else:
        body = head + "".join(block_html(x) for x in b[1:])
    return "<!doctype html><html><head><meta charset=utf-8><style>%s</style></head><body>%s</body></html>" % (CSS[layout], body)

def expected_for(key, layout):
    if layout == "sidebar":
        return sidebar_order(key)[0]
    return blocks(key)

def weasy(stem, key, layout):
    import weasyprint
    weasyprint.HTML(string=page_html(key, layout)).write_pdf(os.path.join(OUT, stem + ".pdf"))
    write_text(stem, expected_for(key, layout))

def chromium(stem, key, layout):
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        subprocess.check_call(["apt-get", "install", "-y", "chromium"])
        browser = shutil.which("chromium")
    with tempfile.TemporaryDirectory() as tmp:
        page = os.path.join(tmp, "r.html")
        open(page, "w").write(page_html(key, layout))
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        "--print-to-pdf=" + os.path.join(OUT, stem + ".pdf"), "file://" + page],
                       check=True, capture_output=True)
    write_text(stem, expected_for(key, layout))

# ---------- ReportLab ----------
def reportlab_pdf(stem, key, layout):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    path = os.path.join(OUT, stem + ".pdf")
    c = canvas.Canvas(path, pagesize=A4)
    font, bold, bullet = "Helvetica", "Helvetica-Bold", "-"
    if layout in ("ttf", "sidebar"):
        pdfmetrics.registerFont(TTFont("DejaVu", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont("DejaVuB", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"))
        font, bold, bullet = "DejaVu", "DejaVuB", "\u2022"
    if layout == "multipage":
        font, bold, bullet = "Times-Roman", "Times-Bold", "\u2013"
    w, h = A4
    def column(blks, x, y, width_chars, first_page=True):
        for blk in blks:
            c.setFont(bold, 12); c.drawString(x, y, blk[0]); y -= 16
            for l in blk[1:]:
                c.setFont(font, 10)
                text = (bullet + " " + strip(l)) if l.startswith("- ") else l
                c.drawString(x, y, text[:width_chars]) if len(text) <= width_chars else None
                if len(text) > width_chars:  # wrap at a space
                    cut = text.rfind(" ", 0, width_chars)
                    c.drawString(x, y, text[:cut]); y -= 13
                    c.drawString(x + 8, y, text[cut + 1:])
                y -= 13
            y -= 8
            if layout == "multipage" and y < 500 and first_page:
                c.setFont(font, 8); c.drawString(w / 2 - 20, 30, "Page 1 of 2")
                c.showPage(); y = h - 60; first_page = False
                c.setFont(font, 8); c.drawString(60, h - 30, PEOPLE[key][0] + " - Resume")
        return y
    if layout == "sidebar":
        _, side, main = sidebar_order(key)
        c.setFont(bold, 20); c.drawString(40, h - 50, PEOPLE[key][0])
        c.setFont(font, 9); c.drawString(40, h - 66, PEOPLE[key][1])
        # main column drawn first, then the sidebar: content order is not reading order
        column(main, 220, h - 100, 62)
        column(side, 40, h - 100, 30)
        c.linkURL("mailto:x@example.com", (40, h - 70, 200, h - 60))
    else:
        b = blocks(key)
        c.setFont(bold, 18); c.drawString(60, h - 60, b[0][0])
        c.setFont(font, 10); c.drawString(60, h - 76, b[0][1])
        column(b[1:], 60, h - 110, 95)
        if layout == "multipage":
            c.setFont(font, 8); c.drawString(w / 2 - 20, 30, "Page 2 of 2")
    c.save()
    write_text(stem, expected_for(key, "sidebar" if layout == "sidebar" else "one"))

def reportlab_platypus(stem, key):
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import SimpleDocTemplate, Paragraph, ListFlowable, ListItem, Spacer
    ss = getSampleStyleSheet()
    story = []
    b = blocks(key)
    story += [Paragraph(html.escape(b[0][0]), ss["Title"]), Paragraph(html.escape(b[0][1]), ss["Normal"])]
    for blk in b[1:]:
        story.append(Paragraph(html.escape(blk[0]), ss["Heading2"]))
        for l in blk[1:]:
            if not l.startswith("- "):
                story.append(Paragraph(html.escape(l), ss["BodyText"]))
        items = [ListItem(Paragraph(html.escape(strip(l)), ss["BodyText"])) for l in blk[1:] if l.startswith("- ")]
        if items:
            story.append(ListFlowable(items, bulletType="bullet", start="\u2022"))
        story.append(Spacer(1, 6))
    SimpleDocTemplate(os.path.join(OUT, stem + ".pdf")).build(story)
    write_text(stem, b)

# ---------- fpdf2 ----------
def fpdf_pdf(stem, key, layout):
    from fpdf import FPDF
    pdf = FPDF(format="Letter"); pdf.add_page()
    if layout == "core":
        pdf.set_font("Helvetica"); fam, bullet = "Helvetica", "-"
    else:
        pdf.add_font("DejaVu", "", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
        pdf.add_font("DejaVu", "B", "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf")
        fam, bullet = "DejaVu", "\u25aa"
    def put(blks, x, width):
        for blk in blks:
            pdf.set_x(x); pdf.set_font(fam, "B", 12); pdf.multi_cell(width, 7, blk[0], new_x="LEFT", new_y="NEXT")
            pdf.set_font(fam, "", 10)
            for l in blk[1:]:
                pdf.set_x(x)
                pdf.multi_cell(width, 5, (bullet + " " + strip(l)) if l.startswith("- ") else l, new_x="LEFT", new_y="NEXT")
            pdf.ln(2)
    b = blocks(key)
    pdf.set_font(fam, "B", 18); pdf.cell(0, 10, b[0][0], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(fam, "", 10); pdf.cell(0, 6, b[0][1], new_x="LMARGIN", new_y="NEXT", link="https://example.com")
    if layout == "twocol":
        _, side, main = sidebar_order(key)
        top = pdf.get_y() + 4
        pdf.set_y(top); put(side, 10, 55)
        pdf.set_y(top); put(main, 72, 130)
        write_text(stem, sidebar_order(key)[0])
    else:
        put(b[1:], 10, 0)
        write_text(stem, b)
    pdf.output(os.path.join(OUT, stem + ".pdf"))

# ---------- groff ----------
def groff(stem, key, two_column):
    if not os.path.exists("/usr/share/groff/current/font/devpdf/DESC"):
        subprocess.check_call(["apt-get", "install", "-y", "--no-install-recommends", "groff"])
    b = blocks(key)
    src = ".nr PS 10\n.nr VS 12\n.TL\n%s\n.AU\n%s\n" % (b[0][0], b[0][1])
    if two_column:
        src += ".2C\n"
    for blk in b[1:]:
        src += ".SH\n%s\n" % blk[0]
        for l in blk[1:]:
            src += (".IP \\(bu 2\n%s\n" % strip(l)) if l.startswith("- ") else (".LP\n%s\n" % l)
    r = subprocess.run(["groff", "-ms", "-Tpdf"], input=src.encode(), capture_output=True, check=True)
    open(os.path.join(OUT, stem + ".pdf"), "wb").write(r.stdout)
    write_text(stem, b)

# ---------- LaTeX ----------
def latex(stem, key, layout):
    if not shutil.which("pdflatex"):
        subprocess.check_call(["apt-get", "install", "-y", "--no-install-recommends", "texlive-latex-base", "texlive-fonts-recommended", "lmodern"])
    esc = lambda s: s.replace("&", "\\&").replace("%", "\\%").replace("#", "\\#").replace("_", "\\_").replace("|", "\\textbar{}")
    b = blocks(key)
    pre = "\\documentclass[11pt]{article}\\usepackage[T1]{fontenc}\\usepackage[utf8]{inputenc}\\usepackage{lmodern}\\usepackage[margin=2cm]{geometry}\\pagestyle{empty}\n"
    if layout == "times":
        pre = pre.replace("\\usepackage{lmodern}", "\\usepackage{mathptmx}")
    body = "\\begin{document}{\\LARGE\\bfseries %s}\\\\ %s\n" % (esc(b[0][0]), esc(b[0][1]))
    if layout == "minipage":
        _, side, main = sidebar_order(key)
        def sect(blks):
            s = ""
            for blk in blks:
                s += "\\subsection*{%s}" % esc(blk[0])
                items = [l for l in blk[1:] if l.startswith("- ")]
                s += "".join(esc(l) + "\\par " for l in blk[1:] if not l.startswith("- "))
                if items:
                    s += "\\begin{itemize}" + "".join("\\item " + esc(strip(l)) for l in items) + "\\end{itemize}"
            return s
        body += "\\par\\noindent\\begin{minipage}[t]{0.3\\textwidth}\\raggedright %s\\end{minipage}\\hfill\\begin{minipage}[t]{0.65\\textwidth}%s\\end{minipage}" % (sect(side), sect(main))
        expected = sidebar_order(key)[0]
    else:
        for blk in b[1:]:
            body += "\\section*{%s}" % esc(blk[0])
            body += "".join(esc(l) + "\\par " for l in blk[1:] if not l.startswith("- "))
            items = [l for l in blk[1:] if l.startswith("- ")]
            if items:
                body += "\\begin{itemize}" + "".join("\\item " + esc(strip(l)) for l in items) + "\\end{itemize}"
        expected = b
    with tempfile.TemporaryDirectory() as tmp:
        open(os.path.join(tmp, "r.tex"), "w").write(pre + body + "\\end{document}\n")
        subprocess.run(["pdflatex", "-interaction=nonstopmode", "r.tex"], cwd=tmp, check=True, capture_output=True)
        shutil.copy(os.path.join(tmp, "r.pdf"), os.path.join(OUT, stem + ".pdf"))
    write_text(stem, expected)

# ---------- Typst ----------
def typst_pdf(stem, key, layout):
    need("typst", "typst")
    import typst
    esc = lambda t: "".join("\\" + ch if ch in "#$*_@<>`[]\\/=-+~" else ch for ch in t)
    def sect(blks):
        s = ""
        for blk in blks:
            s += "== %s\n" % esc(blk[0])
            for l in blk[1:]:
                s += ("- %s\n" % esc(strip(l))) if l.startswith("- ") else ("%s\n\n" % esc(l))
        return s
    b = blocks(key)
    src = '#set text(font: "Libertinus Serif", size: 10pt)\n#set page(footer: align(center)[Curriculum vitae])\n= %s\n%s\n\n' % (esc(b[0][0]), esc(b[0][1]))
    if layout == "columns":
        _, side, main = sidebar_order(key)
        src += "#grid(columns: (1fr, 2fr), gutter: 16pt, [\n%s], [\n%s])\n" % (sect(side), sect(main))
        expected = sidebar_order(key)[0]
    else:
        src += sect(b[1:])
        expected = b
    with tempfile.TemporaryDirectory() as tmp:
        open(os.path.join(tmp, "r.typ"), "w").write(src)
        typst.compile(os.path.join(tmp, "r.typ"), output=os.path.join(OUT, stem + ".pdf"))
    write_text(stem, expected)

# ---------- DOCX ----------
def docx_file(stem, key, with_table):
    import docx
    d = docx.Document()
    b = blocks(key)
    d.add_heading(b[0][0], 0); d.add_paragraph(b[0][1])
    for blk in b[1:]:
        d.add_heading(blk[0], 1)
        if with_table and blk[0] in ("Education",):
            t = d.add_table(rows=1, cols=1)
            t.rows[0].cells[0].text = blk[1]
            continue
        for l in blk[1:]:
            d.add_paragraph(strip(l), style="List Bullet" if l.startswith("- ") else None)
    d.save(os.path.join(OUT, stem + ".docx"))
    write_text(stem, b)

JOBS = [
 ("reportlab-type1-one-column", lambda s: reportlab_pdf(s, "software", "type1")),
 ("reportlab-ttf-subset-one-column", lambda s: reportlab_pdf(s, "nursing", "ttf")),
 ("reportlab-ttf-two-column-main-drawn-first", lambda s: reportlab_pdf(s, "accounting", "sidebar")),
 ("reportlab-times-two-pages-header-footer", lambda s: reportlab_pdf(s, "teaching", "multipage")),
 ("reportlab-platypus-bullet-list", lambda s: reportlab_platypus(s, "design")),
 ("fpdf2-core-helvetica", lambda s: fpdf_pdf(s, "research", "core")),
 ("fpdf2-ttf-squares", lambda s: fpdf_pdf(s, "marketing", "ttf")),
 ("fpdf2-ttf-two-column", lambda s: fpdf_pdf(s, "electrician", "twocol")),
 ("weasyprint-serif-ligatures", lambda s: weasy(s, "data", "one")),
 ("weasyprint-sidebar", lambda s: weasy(s, "chef", "sidebar")),
 ("weasyprint-table", lambda s: weasy(s, "hr", "table")),
 ("weasyprint-square-bullets", lambda s: weasy(s, "pharmacist", "squares")),
 ("chromium-one-column", lambda s: chromium(s, "accounting", "one")),
 ("chromium-sidebar", lambda s: chromium(s, "design", "sidebar")),
 ("chromium-table", lambda s: chromium(s, "software", "table")),
 ("chromium-square-bullets", lambda s: chromium(s, "nursing", "squares")),
 ("groff-ms", lambda s: groff(s, "teaching", False)),
 ("groff-ms-two-column", lambda s: groff(s, "chef", True)),
 ("pdflatex-lmodern", lambda s: latex(s, "research", "lmodern")),
 ("pdflatex-times", lambda s: latex(s, "data", "times")),
 ("pdflatex-minipage-sidebar", lambda s: latex(s, "marketing", "minipage")),
 ("typst-libertinus", lambda s: typst_pdf(s, "pharmacist", "one")),
 ("typst-grid-two-column", lambda s: typst_pdf(s, "software", "columns")),
 ("python-docx-bullets", lambda s: docx_file(s, "hr", False)),
 ("python-docx-table", lambda s: docx_file(s, "electrician", True)),
 ("python-docx-pharmacist", lambda s: docx_file(s, "pharmacist", False)),
]

if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    only = sys.argv[1:]
    for stem, make in JOBS:
        if only and stem not in only:
            continue
        try:
            make(stem)
            print("wrote", stem)
        except Exception as e:  # a tool missing here: say so, go on with the others
            print("FAILED", stem, e, file=sys.stderr)
