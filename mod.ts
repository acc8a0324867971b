/**
 * rbm-landscape: train binary Restricted Boltzmann Machines on MNIST and check, as executable
 * properties, the reciprocal-space theory of Toledo-Marin, Maiti, Fox & Melko (arXiv 2503.21536).
 *
 * @module
 */
