list(APPEND FEDHAP_CORE_PLAIN_SOURCES
  embed/pca.cpp embed/vp_tree.cpp embed/hamming_neighbours.cpp embed/neighbours.cpp embed/affinities.cpp
  embed/quadtree.cpp embed/fft.cpp embed/grid_repulsion.cpp embed/tsne.cpp)
