"""What a reader sees at a glance on a report page, read out of its HTML: the headline
sentence (the summary, ``_summary.html``), the small charts (the summary's one and the
rest in the first section, ``_glance_chart.html``) and the six places' rates
(``_place_rates.html``)."""

import re
from html import unescape


def _text(fragment):
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def glance(html):
    """{"sentence": text, "charts": {key: {label: (percent, count)}} of the bars with a
    count, "rates": {place slug: rate text}, "region_rate": text}."""
    sentence = _text(html.split('id="headline-sentence">', 1)[1].split("</p>", 1)[0])
    charts = {}
    for chart in html.split('psd-glance__chart">')[1:]:
        chart = chart.split("</ul>", 1)[0] + chart.split("</ul>", 1)[1].split("</div>", 1)[0]
        key = re.search(r'href="#heading-([a-z_]+)"', chart).group(1)
        bars = {}
        for row in re.findall(r'<li class="psd-bars__row">(.*?)</li>', chart, re.S):
            label = _text(re.search(r'psd-bars__label">(.*?)</span>', row, re.S).group(1))
            value = _text(re.search(r'psd-bars__value">(.*?)</span>', row, re.S).group(1))
            percent, count = re.fullmatch(r"([\d.]+)% \(([\d,]+)\)", value).groups()
            if count != "0":
                bars[label] = (percent, int(count.replace(",", "")))
        charts[key] = bars
    rates_html = html.split('id="heading-rates"', 1)[1].split('id="rates-region"', 1)[0]
    rates = dict(
        re.findall(r'data-place="([a-z-]+)">.*?psd-bars__value">([^<]*)</span>', rates_html, re.S)
    )
    region_rate = _text(html.split('id="rates-region">', 1)[1].split("</p>", 1)[0])
    return {"sentence": sentence, "charts": charts, "rates": rates, "region_rate": region_rate}
