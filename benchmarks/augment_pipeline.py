"""Side-by-side speed of data.augment against torchvision's v2 transforms, on one core.

The pipeline is the CIFAR-10 recipe: a 32×32 random crop after 4 pixels of zero padding, a
horizontal flip with p = 0.5 and a colour jitter (brightness, contrast, saturation 0.4, hue
0.1), on 512 RGB float32 images of 32×32, each image with its own random parameters.

Contenders, timed in interleaved rounds (each round runs every contender once, so that
a slow moment of the shared machine hurts all alike), reporting the median:

- ``ours``: ``data.augment.Compose`` on the whole NHWC batch at once;
- ``ours_per_image``: the same transforms called image by image (what batching buys);
- ``torchvision_per_image``: torchvision ``v2`` transforms on each CHW tensor, as a
  DataLoader applies them (same semantics as ours: one draw per image);
- ``torchvision_batch``: the same ``v2`` pipeline on the whole NCHW tensor, for reference
  only: torchvision then draws ONE set of parameters for the whole batch.

torchvision is never a dependency of the project; run this in a separate environment that
has it (``pip install torch torchvision`` plus numpy), from the repository root::

    .bench-vision-venv/bin/python benchmarks/augment_pipeline.py

Without torchvision the script compares against ``ours_per_image`` alone and says so. It
prints a table, the ratio, and one JSON line.
"""

import os

# One core for everyone, set before numpy or torch start their thread pools.
THREAD_VARIABLES = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "NUMEXPR_NUM_THREADS",
)
for variable in THREAD_VARIABLES:
    os.environ[variable] = "1"

import json  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from data.augment import ColorJitter, Compose, HorizontalFlip, RandomCrop  # noqa: E402

N_IMAGES, SIZE, ROUNDS = 512, 32, 7
JITTER = {"brightness": 0.4, "contrast": 0.4, "saturation": 0.4, "hue": 0.1}


def our_contenders(images):
    """The batch pipeline and the same pipeline called one image at a time."""
    pipeline = Compose([RandomCrop(SIZE, padding=4), HorizontalFlip(), ColorJitter(**JITTER)])
    rng = np.random.default_rng(0)

    def ours():
        return pipeline(images, rng=rng)

    def ours_per_image():
        return np.stack([pipeline(image, rng=rng) for image in images])

    return {"ours": ours, "ours_per_image": ours_per_image}


def torchvision_contenders(images):
    """torchvision v2 per image and on the whole batch; {} when it is not installed."""
    try:
        import torch
        from torchvision.transforms import v2
    except ImportError:
        return {}, None
    torch.set_num_threads(1)
    torch.manual_seed(0)
    pipeline = v2.Compose(
        [v2.RandomCrop(SIZE, padding=4), v2.RandomHorizontalFlip(), v2.ColorJitter(**JITTER)]
    )
    batch = torch.from_numpy(np.ascontiguousarray(images.transpose(0, 3, 1, 2)))

    def torchvision_per_image():
        return torch.stack([pipeline(image) for image in batch])

    def torchvision_batch():
        return pipeline(batch)

    versions = {"torch": torch.__version__, "torchvision": __import__("torchvision").__version__}
    contenders = {
        "torchvision_per_image": torchvision_per_image,
        "torchvision_batch": torchvision_batch,
    }
    return contenders, versions


def median_times(contenders, rounds):
    """Median seconds per contender over interleaved rounds (after one warm-up call each)."""
    for run in contenders.values():
        run()
    times = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, run in contenders.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(seconds) for name, seconds in times.items()}


def main():
    images = np.random.default_rng(0).random((N_IMAGES, SIZE, SIZE, 3), dtype=np.float32)
    contenders = our_contenders(images)
    vision, versions = torchvision_contenders(images)
    contenders.update(vision)
    seconds = median_times(contenders, ROUNDS)

    baseline = "torchvision_per_image" if vision else "ours_per_image"
    ratio = seconds[baseline] / seconds["ours"]
    print(f"{N_IMAGES} RGB {SIZE}x{SIZE} float32 images, crop(pad 4) + flip + colour jitter,")
    print(f"1 thread, median of {ROUNDS} interleaved rounds")
    for name, value in seconds.items():
        print(f"  {name:<24} {value * 1000:8.1f} ms   {value / seconds['ours']:6.2f}x ours")
    if not vision:
        print("torchvision is not installed here: compared with our per-image loop instead")
    print(f"ratio {baseline} / ours = {ratio:.2f}")
    print(
        json.dumps(
            {
                "benchmark": "augment_pipeline",
                "images": N_IMAGES,
                "size": SIZE,
                "threads": 1,
                "rounds": ROUNDS,
                "seconds": {name: round(value, 5) for name, value in seconds.items()},
                "baseline": baseline,
                "ratio_baseline_over_ours": round(ratio, 3),
                "versions": {"numpy": np.__version__, **(versions or {})},
            }
        )
    )


if __name__ == "__main__":
    main()
