#include "data/enable_image_datasets.h"

#include "data/digits_sheet_loader.h"
#include "data/image_datasets.h"
#include "data/image_folder_loader.h"

namespace fedhap {

void enable_image_datasets() {
    set_image_dataset_loaders({[](const std::string& root) { return load_image_folder(root); }, &load_digits_sheet});
}

}  // namespace fedhap
