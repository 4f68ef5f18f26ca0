"""gradschool: the application on top of the four packages, the `gradschool` command.

    gradschool train                      # the digits, MLP 64-64-10, Adam, early stopping
    gradschool train --dataset moons --hidden 16 16 --optimizer sgd --lr 0.1
    gradschool evaluate runs/digits-…     # the same test numbers, from the saved model
    gradschool graph runs/digits-… --format png
    gradschool playground                 # the interactive trainer, as a local page

`cli` parses the arguments; `commands` runs train / evaluate / graph; `datasets` prepares
the data, `training` builds and trains the model, `runs` reads and writes the run folder,
`plots` and `graph` draw it; `playground` is the interactive trainer. Only this package
imports all of autograd, nn, optim and data.
"""

import os

# The networks trained here are small: a matrix product takes microseconds, and BLAS
# worker threads cost more than they save (measured: a CNN's training 5 s with one thread,
# 80 s with OpenBLAS's default threads on a busy 2-core machine; an MLP's 0.4 s and 1.7 s).
# One thread, unless the user chose; BLAS reads this when numpy loads, so it is set before
# any import of numpy (the `gradschool` command imports this package first).
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
