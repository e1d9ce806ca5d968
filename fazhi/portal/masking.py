"""Personal data as the public pages show it: enough to recognise, never enough to use.

王晓明            王*明
13800000000       138****0000
wang@example.cn   w***@example.cn
"""


def mask_name(name: str) -> str:
    name = name.strip()
    if len(name) <= 2:
        return name[:1] + "*" * (len(name) - 1)
    return name[0] + "*" * min(len(name) - 2, 3) + name[-1]


def mask_phone(phone: str) -> str:
    digits = "".join(c for c in phone if c.isdigit())
    if len(digits) < 8:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_email(email: str) -> str:
    local, at, domain = email.partition("@")
    return f"{local[:1]}***@{domain}" if at else ""


def redact(text: str, request) -> str:
    """`text` (e.g. a reply letter) with the applicant's name, ID and contact masked."""
    hidden = {
        request.applicant_name: mask_name(request.applicant_name),
        request.id_number: "*" * len(request.id_number),
        request.phone: mask_phone(request.phone),
        request.email: mask_email(request.email),
        request.address: "（地址略）",
    }
    for value, shown in sorted(hidden.items(), key=lambda kv: -len(kv[0])):
        if len(value.strip()) >= 2:
            text = text.replace(value, shown)
    return text
