"""The methodology version in force today (METHODOLOGY.md part B defaults)."""

import datetime

NAME = (
    "Төрийн жинхэнэ албан хаагчийн ажлын гүйцэтгэл, үр дүн, мэргэшлийн түвшинг үнэлэх аргачлал "
    "(ЗГХЭГ-ын даргын 2023 оны 98 дугаар тушаал, 8 дугаар хавсралт)"
)
LEGAL_BASIS = (
    'Засгийн газрын 2020 оны 218 дугаар тогтоолоор батлагдсан "Төрийн жинхэнэ албан хаагчийн '
    "гүйцэтгэлийн төлөвлөгөөг боловсруулж батлах, ажлын гүйцэтгэл, үр дүн, мэргэшлийн түвшинг үнэлэх "
    'журам"; Засгийн газрын Хэрэг эрхлэх газрын даргын 2023 оны 98 дугаар тушаалын 8 дугаар хавсралт'
)
ADJUSTMENTS = [
    {
        "code": "discipline",
        "label": "Үнэлгээний хугацаанд сахилгын шийтгэл хүлээсэн",
        "clause": "6.1",
        "points": "-5",
    },
    {"code": "late_report", "label": "Тайланг хугацаандаа ирүүлээгүй", "clause": "6.2", "points": "-2"},
    {
        "code": "state_award",
        "label": "Төрийн дээд шагнал, одон медалиар шагнагдсан",
        "clause": "6.3",
        "points": "2",
    },
    {"code": "other", "label": "Бусад (тайлбарт бичнэ)", "clause": "6", "points": "0"},
]


METHODOLOGY_2023 = {
    "name": NAME,
    "effective_from": datetime.date(2023, 1, 1),
    "legal_basis": LEGAL_BASIS,
    "max_performance": 60,
    "max_timeliness": 10,
    "max_knowledge": 15,
    "max_head": 7,
    "max_colleague": 8,
    "head_criteria": [
        "Хандлага, ёс зүй",
        "Дүн шинжилгээ хийх",
        "Асуудал шийдвэрлэх",
        "Хариуцлагатай байдал",
        "Ажлын цаг ашиглалт",
    ],
    "max_competencies": 3,
    "colleague_criteria": ["Хандлага, ёс зүй", "Багаар ажиллах", "Харилцаа"],
    "colleague_minimum": 3,
    "rating_bands": [
        {"letter": "A", "label": "Бүрэн хангалттай", "threshold": "90"},
        {"letter": "B", "label": "Хангалттай", "threshold": "70"},
        {"letter": "C", "label": "Хангалтгүй", "threshold": "0"},
    ],
    "adjustment_reasons": ADJUSTMENTS,
    "default_deadlines": {
        "plan_approval": "02-01",
        "H1_report_due": "06-05",
        "H1_verification_due": "06-10",
        "H1_review_due": "06-20",
        "H1_confirmation_due": "06-30",
        "annual_report_due": "12-05",
        "annual_verification_due": "01-10",
        "annual_review_due": "01-20",
        "annual_confirmation_due": "01-31",
    },
}
METHODOLOGY_2023["code"] = "2023"
