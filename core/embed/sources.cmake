list(APPEND FEDHAP_CORE_PLAIN_SOURCES
  embed/pca.cpp embed/vp_tree.cpp embed/neighbours.cpp embed/affinities.cpp
  embed/quadtree.cpp embed/tsne.cpp)
