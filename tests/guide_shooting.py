"""Saving a screenshot for the user guide (guide.shots): the browser's
viewport as the guide shows it, in 256 colours (a third of the bytes, the
same to read). The day-walk test and the site manager's workflow test
take their shots with it."""

from qlvbdh_policy.guide.shots import screenshot_path

import io

#: the most bytes a shot may take in the repository
MAX_BYTES = 150_000


def save_shot(page, role, step, viewport="desktop"):
    from PIL import Image

    path = screenshot_path(role, step, viewport)
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, "PNG", optimize=True)
    return path
