"""Texts of many scripts and shapes on which the fast paths are compared with their plain definitions."""

TEXTS = [
    "Örebro universitet får 25 miljoner kronor från Vinnova för ett nytt AI-center.",
    "De hogeschool ontvangt financiering uit het Nationaal Groeifonds voor AiNed.",
    "Die Sächsische Aufbaubank fördert das Projekt KIMed mit 1,2 Mio. Euro. UND DAS IST GUT",
    "The AI Competence for Sweden programme opens a call — apply by 1 July 2025.",
    "Tiếng Việt có dấu: Hà Nội, Đà Nẵng, Huế.",
    "Русский текст с латиницей AI и цифрами 2024.",
    "中文文本 カタカナ ひらがな 한국어 mixed with English words.",
    "A B C  D\n\tE",
    "ÅÄÖ ÅÄÖ",
    "x",
    " Ein Satz, der mit Leerzeichen beginnt: «Zitat» (3,5 %) ... und endet. ",
    "Kontakt: anna.svensson@uni.se eller https://uni.se/ai, Ha\u0300 No\u0323i va\u0300 Hue\u0301 (decomposed marks)",
]
