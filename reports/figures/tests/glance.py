"""What a reader sees at the top of a report page, read out of its HTML: the headline
sentence, the small charts and the six places' rates (``_at_a_glance.html``)."""

import re
from html import unescape


def _text(fragment):
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def glance(html):
    """{"sentence": text, "charts": {key: {label: (percent, count)}} of the bars with a
    count, "rates": {place slug: rate text}, "region_rate": text}."""
    start = html.index('class="psd-glance"')
    section = html[start : html.index("</section>", html.index('id="rates-region"'))]
    sentence = _text(section.split('id="headline-sentence">', 1)[1].split("</p>", 1)[0])
    charts = {}
    for chart in section.split('class="govuk-grid-column-one-third psd-glance__chart"')[1:]:
        key = re.search(r'href="#heading-([a-z_]+)"', chart).group(1)
        bars = {}
        for row in re.findall(r'<li class="psd-bars__row">(.*?)</li>', chart, re.S):
            label = _text(re.search(r'psd-bars__label">(.*?)</span>', row, re.S).group(1))
            value = _text(re.search(r'psd-bars__value">(.*?)</span>', row, re.S).group(1))
            percent, count = re.fullmatch(r"([\d.]+)% \(([\d,]+)\)", value).groups()
            if count != "0":
                bars[label] = (percent, int(count.replace(",", "")))
        charts[key] = bars
    rates = dict(
        re.findall(
            r'data-place="([a-z-]+)">.*?psd-bars__value">([^<]*)</span>',
            section.split('id="heading-rates"', 1)[1],
            re.S,
        )
    )
    region_rate = _text(section.split('id="rates-region">', 1)[1].split("</p>", 1)[0])
    return {"sentence": sentence, "charts": charts, "rates": rates, "region_rate": region_rate}
