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
