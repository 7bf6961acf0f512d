"""Every fixed text printed on the documents, per language.

Kept as plain literals in one place for now; when the Django layer wraps rendering in
``translation.override`` these become ``gettext`` calls without touching the renderers.
Labels with ``{name}`` fields are filled with ``str.format``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

DEFAULT_LANGUAGE = "mn"

_MN: dict[str, str] = {
    # Shared
    "organization_name": "Байгууллагын нэр:",
    "unit_name": "Нэгжийн нэр:",
    "employee": "Албан хаагч:",
    "period": "Хугацаа:",
    "page": "Хуудас",
    "date_suffix": "(огноо)",
    "unsigned": "......................",
    "col_no": "Д/д",
    "col_action": "Зорилтыг хэрэгжүүлэх арга хэмжээ",
    "mean": "Дундаж оноо",
    "mean_colon": "Дундаж оноо:",
    "up_to": "{n} хүртэл",
    "points": "Оноо",
    "col_rescore": "Үнэлгээний багийн хянан баталгаажуулж, дахин үнэлсэн оноо",
    "legal_basis": "Үндэслэл: {basis}",
    "methodology_version": "Аргачлал: {name} ({code})",
    # Evaluation sheet
    "sheet_title": "АЖЛЫН ГҮЙЦЭТГЭЛ, ҮР ДҮН, МЭРГЭШЛИЙН ТҮВШИНГ ҮНЭЛЭХ ҮНЭЛГЭЭНИЙ ХУУДАС",
    "part1_heading": "1. Гүйцэтгэлийн зорилт, арга хэмжээний биелэлт",
    "col_performance": "Арга хэмжээний гүйцэтгэлд өгсөн оноо",
    "col_timeliness": "Төлөвлөсөн хугацаанд гүйцэтгэсэн байдал",
    "col_row_total": "Нийлбэр оноо",
    "assignments_row": "Нэмэлт ажлын биелэлт",
    "excluded": "Дунджид тооцоогүй: {reason}",
    "excluded_no_reason": "Дунджид тооцоогүй",
    "mean_basis": "Дунджид тооцсон мөр: {scored} / {rows}, нийлбэр оноо: {sum}",
    "part2_heading": "2. Мэдлэг, ур чадвараа дээшлүүлэх зорилт, арга хэмжээний биелэлт",
    "col_completion": "Арга хэмжээний биелэлтийн хувь",
    "col_knowledge_points": "Нийт ({n} хүртэл оноогоор)",
    "part3_heading": "3. Хандлага, ёс зүй, ур чадварын үнэлгээ (Нэгжийн даргын үнэлгээ)",
    "col_criterion": "Үзүүлэлт",
    "col_head_points": "Нэгжийн даргын үнэлгээ (0-{n} оноо)",
    "competencies_row": "Ур чадварын үзүүлэлт (ажлын онцлогоос хамаарсан)",
    "competency_n": "Мэргэжлийн ур чадвар {n}.",
    "part4_heading": "4. Хандлага, ёс зүй, ур чадварын үнэлгээ (Хамт олны үнэлгээ)",
    "col_colleague_points": "Хамт олны үнэлгээ (0-{n} оноо)",
    "colleagues_count": "Үнэлсэн хамт олны тоо: {n}",
    "colleagues_hidden": "Хамт олны үнэлгээг зөвхөн дунджаар харуулна",
    "part5_heading": "5. Гүйцэтгэлийн үнэлгээ",
    "col_indicator": "Үнэлгээний үзүүлэлт",
    "col_indicator_points": "Үзүүлэлт тус бүрийн оноо",
    "summary_1": (
        "Гүйцэтгэлийн зорилт, арга хэмжээний биелэлт (Нэмэлт үүрэг даалгавар (арга хэмжээ)-ын биелэлт орно.)"
    ),
    "summary_2": "Мэдлэг, ур чадвараа дээшлүүлэх зорилт, арга хэмжээний биелэлт",
    "summary_3": "Хандлага, ёс зүй, ур чадварын үнэлгээ (Нэгжийн даргын үнэлгээ)",
    "summary_4": "Хандлага, ёс зүй, ур чадварын үнэлгээ (Хамт олны үнэлгээ)",
    "summary_5": (
        "Үнэлгээний оноонд орсон өөрчлөлт (Аргачлалын 6 дугаар хэсэгт заасан холбогдох заалтыг бичих)"
    ),
    "adjustment": "{reason} (заалт {clause})",
    "formula": (
        "Нийт оноо = (Гүйцэтгэлийн зорилт, арга хэмжээний оноо + Мэдлэг, ур чадвараа "
        "дээшлүүлэх зорилт, арга хэмжээний оноо + Хандлага, ёс зүй, ур чадварын оноо "
        "(Нэгжийн даргын болон хамт олны үнэлгээ)) - Аргачлалын 6 дугаар хэсгийн холбогдох "
        "заалтын дагуу хассан оноо + Аргачлалын 6 дугаар хэсгийн холбогдох заалтын дагуу "
        "нэмсэн оноо"
    ),
    "rating": "Үнэлгээний түвшин",
    "mismatches_heading": "Цаасан хувилбартай зөрсөн дүн",
    "col_where": "Хэсэг",
    "col_paper": "Цаасан дээр",
    "col_computed": "Тооцоолсон",
    "col_message": "Тайлбар",
    # Organizational plan
    "plan_col_objective": "Зорилт",
    "plan_col_action": "Арга хэмжээ",
    "plan_col_quarter": "Хэрэгжих хугацаа",
    "plan_col_baseline": "Суурь түвшин буюу өмнөх оны үзүүлэлт",
    "plan_col_target": "Зорилтот түвшин, үр дүнгийн үзүүлэлт",
    "plan_col_target_year": "{year} оны зорилтот түвшин, үр дүнгийн үзүүлэлт",
    "plan_col_responsible": "Хэрэгжүүлэх байгууллага, албан тушаалтан",
    "plan_col_percent": "Хэрэгжилт, %",
    "status_not_due": "Хугацаа болоогүй",
    "status_cannot_evaluate": "Үнэлэх боломжгүй",
    "objective_total": "Зорилт {code}: хэрэгжилтийн дундаж (үнэлсэн арга хэмжээ: {n})",
    "section_total": "{code}-р бүлэг: хэрэгжилтийн дундаж (үнэлсэн арга хэмжээ: {n})",
    "plan_total": "Төлөвлөгөөний нийт хэрэгжилт (үнэлсэн арга хэмжээ: {n})",
    "units_heading": "Хэрэгжүүлэгч нэгжийн хэрэгжилт",
    "col_abbreviation": "Товчлол",
    "col_unit": "Нэгж",
    "col_assessed_count": "Үнэлсэн арга хэмжээ",
    # Performance report
    "report_title": "ГҮЙЦЭТГЭЛИЙН ТАЙЛАН",
    "report_part1": "Нэг. Гүйцэтгэлийн зорилт, арга хэмжээний биелэлт",
    "report_part2": "Хоёр. Мэдлэг, ур чадвараа дээшлүүлэх зорилт, арга хэмжээний биелэлт",
    "col_indicator_short": "Шалгуур үзүүлэлт",
    "col_baseline": "Суурь түвшин",
    "col_target": "Хүрэх түвшин",
    "col_level": "Гүйцэтгэлийн түвшин",
    "col_achieved": "Хүрсэн түвшин (биелэлт)",
    "col_dates": "Эхэлсэн, дууссан хугацаа",
    "col_completion_pct": "Биелэлтийн хувь",
    "completion_note": "Биелэлтийн хувь: {value}",
    # Additional assignments sheet
    "assignments_title": "НЭМЭЛТ ҮҮРЭГ ДААЛГАВАРЫН ХУУДАС",
    "assignments_subtitle": "Нэмэлт үүрэг даалгавар (арга хэмжээ)",
    "col_assignment": "Үүрэг даалгавар",
    "col_assigned_by": "Үүрэг даалгавар өгсөн удирдах албан тушаалтан",
    "col_deadline": "Хугацаа",
    # Totals workbook
    "totals_title": "Үнэлгээний нэгтгэл",
    "col_name": "Овог, нэр",
    "col_position": "Албан тушаал",
    "col_part1": "1. Гүйцэтгэл",
    "col_part2": "2. Мэдлэг, ур чадвар",
    "col_part3": "3. Нэгжийн дарга",
    "col_part4": "4. Хамт олон",
    "col_adjustments": "5. Өөрчлөлт",
    "col_total": "Нийт оноо",
    "col_rating": "Үнэлгээ",
    "col_status": "Төлөв",
    "col_unit_name": "Нэгж",
    "xlsx_evaluation_sheet": "Үнэлгээний хуудас",
    "xlsx_plan": "Төлөвлөгөө",
    "xlsx_performance_report": "Гүйцэтгэлийн тайлан",
    "xlsx_assignments": "Нэмэлт үүрэг даалгавар",
    "xlsx_totals": "Нэгтгэл",
}

_EN: dict[str, str] = {
    "organization_name": "Organization:",
    "unit_name": "Unit:",
    "employee": "Civil servant:",
    "period": "Period:",
    "page": "Page",
    "date_suffix": "(date)",
    "unsigned": "......................",
    "col_no": "No.",
    "col_action": "Actions implementing the objective",
    "mean": "Mean score",
    "mean_colon": "Mean score:",
    "up_to": "up to {n}",
    "points": "Points",
    "col_rescore": "Score verified and re-scored by the evaluation team",
    "legal_basis": "Legal basis: {basis}",
    "methodology_version": "Methodology: {name} ({code})",
    "sheet_title": "EVALUATION SHEET OF PERFORMANCE, RESULTS AND QUALIFICATION LEVEL",
    "part1_heading": "1. Performance objectives and actions",
    "col_performance": "Points for performance of the action",
    "col_timeliness": "Completion within the planned time",
    "col_row_total": "Total points",
    "assignments_row": "Additional assignments",
    "excluded": "Not counted in the mean: {reason}",
    "excluded_no_reason": "Not counted in the mean",
    "mean_basis": "Rows counted: {scored} / {rows}, sum of points: {sum}",
    "part2_heading": "2. Knowledge and skills objectives and actions",
    "col_completion": "Completion of the action, %",
    "col_knowledge_points": "Total (up to {n} points)",
    "part3_heading": "3. Attitude, ethics and competencies (unit head's assessment)",
    "col_criterion": "Criterion",
    "col_head_points": "Unit head's assessment (0-{n} points)",
    "competencies_row": "Competencies (specific to the job)",
    "competency_n": "Professional competency {n}.",
    "part4_heading": "4. Attitude, ethics and competencies (colleagues' assessment)",
    "col_colleague_points": "Colleagues' assessment (0-{n} points)",
    "colleagues_count": "Colleagues who assessed: {n}",
    "colleagues_hidden": "Colleagues' assessment shown as a mean only",
    "part5_heading": "5. Performance evaluation",
    "col_indicator": "Part",
    "col_indicator_points": "Points",
    "summary_1": "Performance objectives and actions (additional assignments included)",
    "summary_2": "Knowledge and skills objectives and actions",
    "summary_3": "Attitude, ethics and competencies (unit head's assessment)",
    "summary_4": "Attitude, ethics and competencies (colleagues' assessment)",
    "summary_5": "Adjustments (clause of section 6 of the methodology)",
    "adjustment": "{reason} (clause {clause})",
    "formula": (
        "Total = (performance + knowledge and skills + attitude, ethics and competencies "
        "(unit head and colleagues)) - deductions + additions under section 6 of the methodology"
    ),
    "rating": "Rating",
    "mismatches_heading": "Differences from the paper sheet",
    "col_where": "Part",
    "col_paper": "Paper",
    "col_computed": "Computed",
    "col_message": "Note",
    "plan_col_objective": "Objective",
    "plan_col_action": "Action",
    "plan_col_quarter": "Quarter",
    "plan_col_baseline": "Baseline (previous year)",
    "plan_col_target": "Target level, result indicator",
    "plan_col_target_year": "{year} target level, result indicator",
    "plan_col_responsible": "Responsible organizations and officials",
    "plan_col_percent": "Implementation, %",
    "status_not_due": "Not yet due",
    "status_cannot_evaluate": "Cannot be evaluated",
    "objective_total": "Objective {code}: mean implementation (actions assessed: {n})",
    "section_total": "Section {code}: mean implementation (actions assessed: {n})",
    "plan_total": "Plan implementation (actions assessed: {n})",
    "units_heading": "Implementation by responsible unit",
    "col_abbreviation": "Abbreviation",
    "col_unit": "Unit",
    "col_assessed_count": "Actions assessed",
    "report_title": "PERFORMANCE REPORT",
    "report_part1": "One. Performance objectives and actions",
    "report_part2": "Two. Knowledge and skills objectives and actions",
    "col_indicator_short": "Indicator",
    "col_baseline": "Baseline",
    "col_target": "Target",
    "col_level": "Performance level",
    "col_achieved": "Level reached",
    "col_dates": "Start and end dates",
    "col_completion_pct": "Completion, %",
    "completion_note": "Completion, %: {value}",
    "assignments_title": "ADDITIONAL ASSIGNMENTS SHEET",
    "assignments_subtitle": "Additional assignments (actions)",
    "col_assignment": "Assignment",
    "col_assigned_by": "Assigned by",
    "col_deadline": "Dates",
    "totals_title": "Evaluation totals",
    "col_name": "Name",
    "col_position": "Position",
    "col_part1": "1. Performance",
    "col_part2": "2. Knowledge and skills",
    "col_part3": "3. Unit head",
    "col_part4": "4. Colleagues",
    "col_adjustments": "5. Adjustments",
    "col_total": "Total",
    "col_rating": "Rating",
    "col_status": "Status",
    "col_unit_name": "Unit",
    "xlsx_evaluation_sheet": "Evaluation sheet",
    "xlsx_plan": "Plan",
    "xlsx_performance_report": "Performance report",
    "xlsx_assignments": "Additional assignments",
    "xlsx_totals": "Totals",
}

# Kazakh (Bayan-Ölgii) sheets are printed with the Mongolian form labels until the
# Kazakh wording is approved; the Kazakh letters in the data print either way.
_KK: dict[str, str] = dict(_MN)

LABELS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {"mn": MappingProxyType(_MN), "en": MappingProxyType(_EN), "kk": MappingProxyType(_KK)}
)


def labels_for(language: str | None) -> Mapping[str, str]:
    """The label table for ``language``; unknown languages fall back to Mongolian."""
    return LABELS.get(language or DEFAULT_LANGUAGE, LABELS[DEFAULT_LANGUAGE])
